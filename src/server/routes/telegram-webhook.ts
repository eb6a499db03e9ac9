import { Hono } from 'hono';
import type { Logger } from 'pino';
import { declaredBodyLimit } from '../declared-body-limit.js';
import { exceedsJsonDepth } from '../json-depth.js';
import { verifySecret } from '../verify-secret.js';

/** What the route needs from the Telegram channel (a TelegramChannel satisfies it). */
export interface TelegramWebhookTarget {
  /** Resolves once the update is stored; rejects when it could not be. */
  handleUpdate(update: unknown): Promise<void>;
  /** Requests must carry it in X-Telegram-Bot-Api-Secret-Token; unset, every request is refused. */
  webhookSecret?: string;
}

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';
/** Real updates are a few KiB; anything near this is not from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * `POST /webhooks/telegram`. Answers 200 only after the update is stored; 503 when storing
 * failed, so Telegram delivers it again later. Bad input never gets a 5xx: a body that is not
 * an update gets a 400 and no details, and an update the channel cannot read is acknowledged
 * (200) and dropped by the channel, so Telegram does not deliver it again forever.
 */
export function telegramWebhookRoute(target: TelegramWebhookTarget, logger: Logger): Hono {
  return new Hono().post(
    TELEGRAM_WEBHOOK_PATH,
    async (c, next) => {
      // Checked before the body is read: strangers cost us no parsing.
      // No secret, no entry: without one anybody could post updates as any chat.
      const secret = target.webhookSecret;
      if (secret === undefined || !verifySecret(secret, c.req.header('x-telegram-bot-api-secret-token'))) {
        return c.json({ ok: false }, 401);
      }
      await next();
    },
    declaredBodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ ok: false }, 413) }),
    async (c) => {
      // Read outside the try: an oversized body throws here and the limit turns it into 413.
      const raw = await c.req.text();
      const update = parseUpdate(raw);
      if (update === undefined) return c.json({ ok: false }, 400);
      try {
        await target.handleUpdate(update);
      } catch (error) {
        logger.error(
          { updateId: update.update_id, errorName: error instanceof Error ? error.name : typeof error },
          'telegram update not stored; asking telegram to retry',
        );
        return c.json({ ok: false }, 503);
      }
      return c.json({ ok: true }, 200);
    },
  );
}

/** A JSON object, not nested absurdly deep, with an integer update_id; or undefined. */
function parseUpdate(raw: string): { update_id: number } | undefined {
  if (exceedsJsonDepth(raw)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (!('update_id' in value) || !Number.isSafeInteger(value.update_id)) return undefined;
  return value as { update_id: number };
}
