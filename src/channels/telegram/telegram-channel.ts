import type { Logger } from 'pino';
import type { ChannelAdapter, InboundSink } from '../channel-port.js';

export interface TelegramChannelOptions {
  /** The bot token from @BotFather. Never logged. */
  token: string;
  /** Bot API root: a self-hosted Bot API server, or a stand-in in tests. Default Telegram's. */
  apiRoot?: string;
  /** Sent to Telegram with setWebhook; the webhook route checks it on every request. */
  webhookSecret?: string;
  /** Public base URL of this server. Set: `start` registers the webhook. Unset: long polling. */
  publicUrl?: string;
  logger?: Logger;
  /** A send with no answer after this long is given up as "unknown" (SEND_TIMEOUT_MS). Default 10 s. */
  sendTimeoutMs?: number;
  /** Long-poll wait per getUpdates call, in seconds. Default 50 (Telegram's maximum). */
  pollTimeoutSeconds?: number;
}

/**
 * The Telegram channel: the channel port plus what the webhook route needs.
 *
 * @example
 * const telegram = createTelegramChannel({ token, webhookSecret, publicUrl });
 * await telegram.start(inboundSink); // registers the webhook (or starts long polling)
 * const app = createApp({ telegram, health });
 */
export interface TelegramChannel extends ChannelAdapter {
  readonly name: 'telegram';
  /** The webhook path Telegram is told to call when `publicUrl` is set. */
  readonly webhookPath: '/webhooks/telegram';
  readonly webhookSecret?: string;
  /**
   * Processes one update as received from Telegram. Resolves once the sink stored it (or the
   * update was ignored); rejects when it could not be stored, so a webhook can answer non-2xx
   * and Telegram delivers it again. Rejects until `start` registered a sink.
   */
  handleUpdate(update: unknown): Promise<void>;
  /** Registers the sink, then sets the webhook (publicUrl) or starts long polling. */
  start(sink: InboundSink): Promise<void>;
  /** Stops long polling after the update in hand is stored. The webhook stays registered. */
  stop(): Promise<void>;
}
