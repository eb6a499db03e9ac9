import { Hono } from 'hono';
import type { Logger } from 'pino';
import { declaredBodyLimit } from '../declared-body-limit.js';
import type { InboundSink } from '../../channels/channel-port.js';
import type { CloudChannel } from '../../channels/whatsapp-cloud/cloud-channel.js';
import { exceedsJsonDepth } from '../json-depth.js';

/** What the route needs: the Cloud API channel (or anything shaped like it) and where messages go. */
export interface WhatsappCloudWebhookTarget {
  channel: Pick<CloudChannel, 'checkSignature' | 'checkVerifyToken' | 'handleWebhook'>;
  /** Usually the conversation engine: `receive` resolves once a message is durably stored. */
  sink: InboundSink;
}

export const WHATSAPP_CLOUD_WEBHOOK_PATH = '/webhooks/whatsapp';
/** Real posts are a few KiB even when batched; anything near this is not from Meta. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Meta's challenge is a short number; echo nothing else. */
const CHALLENGE = /^[A-Za-z0-9_.-]{1,256}$/;

/**
 * `GET /webhooks/whatsapp` answers Meta's verification handshake; `POST /webhooks/whatsapp`
 * takes signed webhook posts. A post is answered 200 only after every message in it is
 * stored; 503 only when storing failed, so Meta posts it again. A body that is not a webhook
 * post gets a 4xx and no details; unreadable items inside a post are skipped (and counted).
 */
export function whatsappCloudWebhookRoute(target: WhatsappCloudWebhookTarget, logger: Logger): Hono {
  const { channel, sink } = target;
  return new Hono()
    .get(WHATSAPP_CLOUD_WEBHOOK_PATH, (c) => {
      const mode = c.req.query('hub.mode');
      const challenge = c.req.query('hub.challenge');
      if (mode !== 'subscribe' || !channel.checkVerifyToken(c.req.query('hub.verify_token'))) {
        logger.warn('whatsapp-cloud webhook verification refused');
        return c.text('', 403);
      }
      if (challenge === undefined || !CHALLENGE.test(challenge)) return c.text('', 400);
      logger.info('whatsapp-cloud webhook verified by Meta');
      return c.text(challenge, 200);
    })
    .post(
      WHATSAPP_CLOUD_WEBHOOK_PATH,
      declaredBodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ ok: false }, 413) }),
      async (c) => {
        // The signature covers the exact bytes: read them raw, check, and only then parse.
        const raw = new Uint8Array(await c.req.arrayBuffer());
        if (!channel.checkSignature(raw, c.req.header('x-hub-signature-256'))) return c.json({ ok: false }, 401);
        const payload = parseJson(raw);
        if (payload === undefined) return c.json({ ok: false }, 400);
        try {
          const outcome = await channel.handleWebhook(payload, sink);
          if (!outcome.readable) return c.json({ ok: false }, 400);
          logger.debug(
            { stored: outcome.stored, duplicates: outcome.duplicates, deliveryUpdates: outcome.deliveryUpdates, ignored: outcome.ignored },
            'whatsapp-cloud webhook handled',
          );
        } catch (error) {
          logger.error(
            { errorName: error instanceof Error ? error.name : typeof error },
            'whatsapp-cloud webhook not stored; asking Meta to retry',
          );
          return c.json({ ok: false }, 503);
        }
        return c.json({ ok: true }, 200);
      },
    );
}

/** A JSON object, or undefined (malformed, nested absurdly deep, or not an object). */
function parseJson(raw: Uint8Array): object | undefined {
  let value: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    if (exceedsJsonDepth(text)) return undefined;
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
