import { pino } from 'pino';
import { verifySecret } from '../../server/verify-secret.js';
import type { InboundSink, OutboundContent, SendOptions, SendResult } from '../channel-port.js';
import type { CloudChannel, CloudChannelOptions, WebhookOutcome } from './cloud-channel.js';
import { CLOUD_LIMITS, type CloudMessage } from './cloud-message.js';
import { windowIsOpen } from './messaging-window.js';
import { createJsonPoster } from '../http/json-poster.js';
import { postMessage, postWithFetch, type GraphTarget } from './post-message.js';
import { renderOutbound } from './render-outbound.js';
import { toInboundMessages } from './to-inbound-messages.js';
import { verifySignature } from './verify-signature.js';

const WEBHOOK_PATH = '/webhooks/whatsapp';
export const OUTSIDE_WINDOW_REASON = 'outside the 24-hour window and no approved template configured';

/**
 * A WhatsApp Business Platform (Cloud API) channel. Receives through the webhook route, sends
 * with the Graph API, keeps to the 24-hour window (a template, or nothing, outside it) and
 * classifies every failure into a SendResult.
 */
export function createCloudChannel(options: CloudChannelOptions): CloudChannel {
  const { config } = options;
  const logger = options.logger ?? pino({ level: 'silent' });
  const now = options.now ?? (() => new Date());
  const poster = options.fetch ? undefined : createJsonPoster();
  const target: GraphTarget = {
    apiBase: config.apiBase,
    phoneNumberId: config.phoneNumberId,
    token: config.token,
    post: poster?.post ?? postWithFetch(options.fetch ?? globalThis.fetch),
    timeoutMs: options.sendTimeoutMs ?? 10_000,
  };

  async function send(chatId: string, content: OutboundContent, sendOptions?: SendOptions): Promise<SendResult> {
    const onDispatch = sendOptions?.onDispatch;
    const rendered = renderOutbound(content);
    if (!rendered.ok) return { status: 'failed', reason: rendered.reason };
    let lastInboundAt: Date | null;
    try {
      lastInboundAt = await options.lastInboundAt(chatId);
    } catch (error) {
      logger.warn({ errorName: error instanceof Error ? error.name : typeof error }, 'whatsapp-cloud: last inbound time unavailable');
      return { status: 'transient-error', reason: 'last inbound time unavailable' };
    }
    if (windowIsOpen(lastInboundAt, now())) return sendAll(chatId, rendered.sends, onDispatch);
    // Meta refuses free-form messages outside the window (131047): do not even try.
    // A proactive message carries the template approved for its kind, with its parameters.
    if (content.kind === 'text' && content.template) {
      const { name, language, params } = content.template;
      const components = params.length > 0 ? [{ type: 'body' as const, parameters: params.map((text) => ({ type: 'text' as const, text })) }] : undefined;
      return sendAll(chatId, [{ type: 'template', template: { name, language: { code: language }, ...(components ? { components } : {}) } }], onDispatch);
    }
    if (!config.template) return { status: 'failed', reason: OUTSIDE_WINDOW_REASON };
    const template: CloudMessage = { type: 'template', template: { name: config.template.name, language: { code: config.template.language } } };
    return sendAll(chatId, [template], onDispatch);
  }

  async function sendAll(chatId: string, messages: CloudMessage[], onDispatch: (() => void) | undefined): Promise<SendResult> {
    let messageId: string | undefined;
    for (const message of messages) {
      const outcome = await postMessage(target, chatId, message, onDispatch);
      if (!outcome.ok) {
        logger.warn({ status: outcome.failure.status, reason: outcome.failure.reason, type: message.type }, 'whatsapp-cloud send failed');
        return outcome.failure;
      }
      messageId = outcome.messageId ?? messageId;
    }
    // The last message's wamid: statuses about it find the outbox row.
    return messageId === undefined ? { status: 'sent' } : { status: 'sent', externalId: messageId };
  }

  async function handleWebhook(payload: unknown, sink: InboundSink): Promise<WebhookOutcome> {
    const read = toInboundMessages(payload, config.phoneNumberId);
    const outcome: WebhookOutcome = { readable: read !== undefined, stored: 0, duplicates: 0, deliveryUpdates: 0, ignored: read?.ignored ?? 0 };
    if (!read) return outcome;
    // One at a time, in Meta's order, so a person's quick messages keep their order in the store.
    for (const message of read.messages) {
      if ((await sink.receive(message)) === 'stored') outcome.stored += 1;
      else outcome.duplicates += 1;
    }
    if (sink.deliveryUpdate) {
      for (const update of read.deliveryUpdates) {
        await sink.deliveryUpdate(update);
        outcome.deliveryUpdates += 1;
      }
    }
    return outcome;
  }

  return {
    name: 'whatsapp-cloud',
    capabilities: { buttons: true, maxTextLength: CLOUD_LIMITS.text },
    webhookPath: WEBHOOK_PATH,
    checkSignature: (rawBody, header) => verifySignature(config.appSecret, rawBody, header),
    checkVerifyToken: (presented) => verifySecret(config.verifyToken, presented),
    send,
    handleWebhook,
    async stop() {
      poster?.close();
    },
  };
}
