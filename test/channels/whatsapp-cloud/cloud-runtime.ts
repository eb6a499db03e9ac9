import type { DeliveryUpdate, InboundMessage } from '../../../src/channels/channel-port.js';
import { pino } from 'pino';
import { createRuntime, type Runtime } from '../../../src/app/create-runtime.js';
import { reportPhotoStorage } from '../../../src/app/report-photo-storage.js';
import type { MediaStore } from '../../../src/media/media-store.js';
import { createCloudChannel } from '../../../src/channels/whatsapp-cloud/create-cloud-channel.js';
import { createLastInboundAt } from '../../../src/channels/whatsapp-cloud/last-inbound-at.js';
import type { CloudTemplate } from '../../../src/channels/whatsapp-cloud/load-cloud-config.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createApp } from '../../../src/server/create-app.js';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { createGraphApiStandIn, type GraphApiStandIn, type GraphMessage } from '../../support/graph-api-stand-in.js';
import type { TestDatabase } from '../../support/backends.js';
import { cloudConfig } from './cloud-harness.js';
import { signedRequest, type StatusJson, type WebhookMessageJson, messagesPost, statusesPost } from './fake-payloads.js';

/**
 * The real thing over a stand-in Graph API: createRuntime (engine, KPM flow, outbox sender) on
 * a migrated database, the Cloud channel with the real last-inbound query, and createApp served
 * on a loopback port. People "write" with signed webhook posts; replies are read from the stand-in.
 */
export interface CloudRuntime {
  standIn: GraphApiStandIn;
  runtime: Runtime;
  server: RunningServer;
  /** Every message the webhook handed the engine, as stored (the stored text is redacted once processed). */
  received: InboundMessage[];
  /** POSTs signed webhook messages (one post) and returns the HTTP status. */
  write(...messages: WebhookMessageJson[]): Promise<number>;
  /** POSTs signed statuses (one post) and returns the HTTP status. */
  report(...statuses: StatusJson[]): Promise<number>;
  /**
   * Waits for the reply to `to` that satisfies `done`, among messages after the first `after`,
   * and returns every message from `after` up to and including it (one turn's replies).
   */
  repliesTo(to: string, after: number, done: (message: GraphMessage) => boolean): Promise<GraphMessage[]>;
  stop(): Promise<void>;
}

/** Fast pacing: these tests are about behaviour, not Meta's limits. */
const FAST = { perChatPerSecond: 100, perChatBurst: 100, globalPerSecond: 1_000 };

export async function startCloudRuntime(
  db: TestDatabase,
  options: { template?: CloudTemplate; mediaStore?: MediaStore } = {},
): Promise<CloudRuntime> {
  const logger = pino({ level: 'silent' });
  const standIn = await createGraphApiStandIn();
  const config = loadConfig({ SEED_DEMO: 'false', NIK_HASH_SECRET: 'cloud-test-nik-secret', PORT: '0' });
  const channel = createCloudChannel({
    config: cloudConfig(standIn.apiBase, options.template ? { template: options.template } : {}),
    lastInboundAt: createLastInboundAt(db),
    logger,
  });
  // With a media store, business-report photos are fetched from the stand-in's media endpoints.
  const reportPhotos = options.mediaStore
    ? reportPhotoStorage({ store: options.mediaStore, cloud: { token: 'test-token', apiBase: standIn.apiBase }, timeoutMs: 5_000 })
    : undefined;
  const runtime = await createRuntime({ config, db, channels: [channel], logger, rateLimits: () => FAST, ...(reportPhotos ? { reportPhotos } : {}) });
  const received: InboundMessage[] = [];
  const sink = {
    receive: (message: InboundMessage) => (received.push(message), runtime.engine.receive(message)),
    deliveryUpdate: (update: DeliveryUpdate) => runtime.engine.deliveryUpdate(update),
  };
  const app = createApp({ whatsappCloud: { channel, sink }, health: async () => ({ ok: true }), logger });
  const server = await startServer(app, 0, '127.0.0.1');
  runtime.start();

  async function postSigned(payload: unknown): Promise<number> {
    const { body, headers } = signedRequest(payload);
    const response = await fetch(`http://127.0.0.1:${server.port}/webhooks/whatsapp`, { method: 'POST', headers, body });
    await response.body?.cancel();
    return response.status;
  }

  return {
    standIn,
    received,
    runtime,
    server,
    write: (...messages) => postSigned(messagesPost(...messages)),
    report: (...statuses) => postSigned(statusesPost(...statuses)),
    async repliesTo(to, after, done) {
      const last = await standIn.waitForMessage(to, (message) => standIn.messagesTo(to).indexOf(message) >= after && done(message));
      const all = standIn.messagesTo(to);
      return all.slice(after, all.indexOf(last) + 1);
    },
    async stop() {
      await server.close();
      await runtime.stop();
      await standIn.close();
    },
  };
}

/** One turn's replies as the person reads them. */
export function textOf(replies: GraphMessage[]): string {
  return replies.map((reply) => reply.text ?? '').join('\n');
}

/** Polls `check` until it returns something other than undefined (database state settles asynchronously). */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
