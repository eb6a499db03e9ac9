import type { Logger } from 'pino';
import type { ChannelAdapter, InboundSink } from '../channel-port.js';
import type { CloudConfig } from './load-cloud-config.js';

export interface CloudChannelOptions {
  config: CloudConfig;
  /** When the person last wrote (see `createLastInboundAt`); null when never. */
  lastInboundAt(chatId: string): Promise<Date | null>;
  logger?: Logger;
  /** The HTTP client for sends; by default a keep-alive node:http poster (see json-poster). */
  fetch?: typeof fetch;
  /** A send with no answer after this long is given up as "unknown" (SEND_TIMEOUT_MS). Default 10 s. */
  sendTimeoutMs?: number;
  /** The clock, for tests of the 24-hour window. */
  now?: () => Date;
}

/** What one webhook post amounted to (counts only: nothing personal). */
export interface WebhookOutcome {
  /** False when the body was not a Cloud API webhook post at all. */
  readable: boolean;
  stored: number;
  duplicates: number;
  deliveryUpdates: number;
  ignored: number;
}

/**
 * The WhatsApp Cloud API channel: the channel port plus what the webhook route needs. It is
 * webhook-only, so it has no start/stop; the secrets stay inside it (the route asks it to check).
 *
 * @example
 * const cloud = createCloudChannel({ config, lastInboundAt: createLastInboundAt(db), logger });
 * const app = createApp({ whatsappCloud: { channel: cloud, sink: runtime.engine }, health });
 */
export interface CloudChannel extends ChannelAdapter {
  readonly name: 'whatsapp-cloud';
  readonly webhookPath: '/webhooks/whatsapp';
  /** True when X-Hub-Signature-256 signs exactly these bytes with the app secret (constant time). */
  checkSignature(rawBody: Uint8Array, header: string | undefined): boolean;
  /** True when the handshake's hub.verify_token is the configured one (constant time). */
  checkVerifyToken(presented: string | undefined): boolean;
  /**
   * Hands every message of one (already authenticated) webhook post to `sink.receive`, in
   * order, then every status to `sink.deliveryUpdate`. Resolves once all are stored; rejects
   * when one could not be, so the route answers non-2xx and Meta posts the batch again
   * (messages stored the first time then come back as duplicates).
   */
  handleWebhook(payload: unknown, sink: InboundSink): Promise<WebhookOutcome>;
}
