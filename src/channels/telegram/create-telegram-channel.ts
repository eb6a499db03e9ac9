import { pino } from 'pino';
import { Telegraf, type Context } from 'telegraf';
import type { InboundSink, OutboundContent, SendOptions, SendResult } from '../channel-port.js';
import { isTelegramUpdate } from './is-telegram-update.js';
import { createJsonPoster } from '../http/json-poster.js';
import { performSend, type BotApiTarget } from './perform-send.js';
import { pollUpdates, type RunningPoll } from './poll-updates.js';
import { renderOutbound, TELEGRAM_MAX_TEXT } from './render-outbound.js';
import type { TelegramChannel, TelegramChannelOptions } from './telegram-channel.js';
import { readableUpdateTypes, toInboundMessage } from './to-inbound-message.js';
import { toSendResult } from './to-send-result.js';

/** Telegram gives up on a webhook call after about 60 s; fail sooner so it retries cleanly. */
const HANDLER_TIMEOUT_MS = 30_000;
const WEBHOOK_PATH = '/webhooks/telegram';
const DEFAULT_POLL_TIMEOUT_SECONDS = 50;
/** getMe, setWebhook and deleteWebhook at start-up: Telegraf's own timeout is 500 s. */
const START_CALL_TIMEOUT_MS = 10_000;

type CallApiOptions = NonNullable<Parameters<Telegraf['telegram']['callApi']>[2]>;

/** A fresh time limit for one start-up call (Telegraf's typings name a polyfilled AbortSignal). */
function startCallLimit(): CallApiOptions {
  return { signal: AbortSignal.timeout(START_CALL_TIMEOUT_MS) } as unknown as CallApiOptions;
}
const DEFAULT_SEND_TIMEOUT_MS = 10_000;
const DEFAULT_API_ROOT = 'https://api.telegram.org';

/**
 * A Telegram channel. Telegraf receives (`handleUpdate` for the webhook, long polling) and makes
 * the start-up calls; replies go out through a keep-alive JSON poster (see perform-send), and
 * every failure is classified into a SendResult.
 */
export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const logger = options.logger ?? pino({ level: 'silent' });
  const bot = new Telegraf(options.token, {
    handlerTimeout: HANDLER_TIMEOUT_MS,
    // Replies never ride on the webhook response: that path cannot report errors and would
    // acknowledge the update before it is stored.
    telegram: { webhookReply: false, ...(options.apiRoot !== undefined && { apiRoot: options.apiRoot }) },
  });
  const poster = createJsonPoster();
  const sendTarget: BotApiTarget = {
    apiRoot: options.apiRoot ?? DEFAULT_API_ROOT,
    token: options.token,
    post: poster.post,
    timeoutMs: options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS,
  };
  let sink: InboundSink | undefined;
  let poll: RunningPoll | undefined;
  let started = false;

  bot.use(async (ctx) => {
    await deliver(ctx);
  });
  // Telegraf's default handler prints the whole update (message text included) and sets the
  // process exit code; rethrow instead so the webhook route or poller decides.
  bot.catch((error) => {
    throw error;
  });

  async function deliver(ctx: Context): Promise<void> {
    const updateId = ctx.update.update_id;
    const read = toInboundMessage(ctx.update);
    if (read.kind === 'unreadable') {
      // Answered 2xx all the same: a retry would bring the same bad update back forever.
      logger.warn({ updateId, field: read.field }, 'unreadable telegram update dropped');
      return;
    }
    if (read.kind === 'message') {
      if (!sink) throw new Error('telegram channel has no inbound sink: call start() first');
      const outcome = await sink.receive(read.message);
      logger.debug({ updateId, kind: read.message.content.kind, outcome }, 'telegram update received');
    } else {
      logger.debug({ updateId }, 'telegram update ignored');
    }
    // Until answered, the person's app shows a spinner on the button; the choice is stored already.
    if (read.callbackQueryId !== undefined) {
      await bot.telegram.answerCbQuery(read.callbackQueryId).catch((error: unknown) => {
        logger.warn({ reason: toSendResult(error).reason }, 'answering a telegram button press failed');
      });
    }
  }

  async function send(chatId: string, content: OutboundContent, sendOptions?: SendOptions): Promise<SendResult> {
    const rendered = renderOutbound(content);
    if (!rendered.ok) return { status: 'failed', reason: rendered.reason };
    let externalId: string | undefined;
    for (const planned of rendered.sends) {
      const outcome = await performSend(sendTarget, chatId, planned, sendOptions?.onDispatch);
      if (!outcome.ok) {
        logger.warn({ status: outcome.failure.status, reason: outcome.failure.reason }, 'telegram send failed');
        return outcome.failure;
      }
      externalId = outcome.messageId === undefined ? undefined : String(outcome.messageId);
    }
    return externalId === undefined ? { status: 'sent' } : { status: 'sent', externalId };
  }

  async function start(newSink: InboundSink): Promise<void> {
    if (started) throw new Error('telegram channel already started');
    started = true;
    sink = newSink;
    try {
      // Also proves the token before anything else happens.
      bot.botInfo = await bot.telegram.callApi('getMe', {}, startCallLimit());
      if (options.publicUrl !== undefined) await registerWebhook(options.publicUrl);
      else await startPolling();
    } catch (error) {
      started = false;
      sink = undefined;
      throw error;
    }
  }

  async function registerWebhook(publicUrl: string): Promise<void> {
    if (!options.webhookSecret) logger.warn('telegram webhook has no secret: anyone with the URL can post updates');
    await bot.telegram.callApi(
      'setWebhook',
      {
        url: `${publicUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}`,
        allowed_updates: [...readableUpdateTypes],
        ...(options.webhookSecret && { secret_token: options.webhookSecret }),
      },
      startCallLimit(),
    );
    logger.info('telegram webhook registered');
  }

  async function startPolling(): Promise<void> {
    // getUpdates is refused while a webhook is set; the updates Telegram holds are kept.
    await bot.telegram.callApi('deleteWebhook', { drop_pending_updates: false }, startCallLimit());
    poll = pollUpdates({
      telegram: bot.telegram,
      handle: handleUpdate,
      logger,
      timeoutSeconds: options.pollTimeoutSeconds ?? DEFAULT_POLL_TIMEOUT_SECONDS,
    });
    logger.info('telegram long polling started');
  }

  async function handleUpdate(update: unknown): Promise<void> {
    if (!isTelegramUpdate(update)) {
      logger.warn('unreadable telegram update ignored');
      return;
    }
    await bot.handleUpdate(update);
  }

  return {
    name: 'telegram',
    capabilities: { buttons: true, maxTextLength: TELEGRAM_MAX_TEXT },
    webhookPath: WEBHOOK_PATH,
    ...(options.webhookSecret !== undefined && { webhookSecret: options.webhookSecret }),
    send,
    start,
    async stop() {
      await poll?.stop();
      poll = undefined;
      poster.close();
      sink = undefined;
      started = false;
    },
    handleUpdate,
  };
}
