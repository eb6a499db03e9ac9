import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app/create-runtime.js';
import { OUTSIDE_WINDOW_REASON } from '../../src/channels/whatsapp-cloud/create-cloud-channel.js';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { MessageSpec } from '../../src/proactive/message-spec.js';
import type { TargetSpec } from '../../src/proactive/target.js';
import type { Proactive } from '../../src/proactive/index.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';
import { startCloudRuntime, type CloudRuntime } from '../channels/whatsapp-cloud/cloud-runtime.js';
import { steppedClock, tomorrowAtTenWib } from '../mentoring/sessions-fixture.js';
import { addKpm } from '../proactive/fixtures.js';

const HOUR = 3_600_000;
const logger = pino({ level: 'silent' });

/** Confirms a broadcast to `recipientIds` and waits until nothing of it is queued any more. */
async function broadcastAndSettle(proactive: Proactive, wake: () => void, requestKey: string, target: TargetSpec, message: MessageSpec) {
  const broadcast = await proactive.createBroadcast({ requestKey, createdById: null, target, message }, 'all');
  await proactive.confirmBroadcast(broadcast.id, 'all');
  wake();
  await expect.poll(async () => (await proactive.progress(broadcast.id)).queued, { timeout: 15_000 }).toBe(0);
  return proactive.progress(broadcast.id);
}

/**
 * The platform rules of issue 9 for broadcasts, through the real channels and runtime: a
 * Telegram chat that blocked the bot is skipped and counted (and left out of the next one); a
 * WhatsApp Cloud chat outside the 24-hour window gets the broadcast's approved template with its
 * parameters, or is skipped with the reason.
 */
describe.each(backends)('broadcasts meet the platforms\' rules on $kind', (backend) => {
  let db: TestDatabase;
  // 10.00 WIB tomorrow: outside quiet hours whenever the suite runs.
  const clock = steppedClock(tomorrowAtTenWib());
  beforeEach(async () => {
    if (backend.skipReason) return;
    clock.set(tomorrowAtTenWib());
    db = await backend.open();
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  describe('Telegram', () => {
    let standIn: TelegramStandIn;
    let telegram: TelegramChannel;
    let runtime: Runtime;
    beforeEach(async () => {
      if (backend.skipReason) return;
      standIn = await createTelegramStandIn();
      telegram = createTelegramChannel({ token: '123:abc', apiRoot: standIn.apiRoot, webhookSecret: 'secret', publicUrl: 'http://127.0.0.1:1' });
      runtime = await createRuntime({
        config: loadConfig({}),
        db,
        channels: [telegram],
        logger,
        clock,
        rateLimits: () => ({ perChatPerSecond: 100, perChatBurst: 100, globalPerSecond: 1_000 }),
      });
      runtime.start();
      await telegram.start(runtime.engine);
    });
    afterEach(async () => {
      if (backend.skipReason) return;
      await telegram.stop();
      await runtime.stop();
      await standIn.close();
    });

    it.skipIf(backend.skipReason)('a chat that blocked the bot is skipped and counted, and left out of the next broadcast', async () => {
      const kpm = [
        await addKpm(db, { chats: [{ channel: 'telegram', chatId: '9101' }] }),
        await addKpm(db, { chats: [{ channel: 'telegram', chatId: '9102' }] }),
        await addKpm(db, { chats: [{ channel: 'telegram', chatId: '9103' }] }),
      ];
      standIn.scriptSends('9102', { kind: 'blocked', description: 'Forbidden: bot was blocked by the user' });
      const target = { recipientIds: kpm.map((entry) => entry.id) };
      const progress = await broadcastAndSettle(runtime.proactive, () => runtime.sender.wake(), 'first', target, { kind: 'text', text: 'Pertemuan Senin.' });
      expect(progress).toMatchObject({ total: 3, sent: 2, failed: 0, skipped: { blocked: 1 } });
      expect(standIn.sent.map((message) => message.chat_id).sort()).toEqual(['9101', '9103']);
      expect((await db.prisma.conversation.findUniqueOrThrow({ where: { channel_chatId: { channel: 'telegram', chatId: '9102' } } })).blockedAt).not.toBeNull();

      // The next one does not even try that chat.
      const preview = await runtime.proactive.preview(target, 'all');
      expect(preview).toMatchObject({ reach: 2, leftOut: { blocked: 1 } });
      const second = await broadcastAndSettle(runtime.proactive, () => runtime.sender.wake(), 'second', target, { kind: 'text', text: 'Pertemuan Selasa.' });
      expect(second).toMatchObject({ total: 3, sent: 2, skipped: { blocked: 1 } });
      expect(standIn.callsOf('sendMessage').filter((call) => String(call.payload['chat_id']) === '9102')).toHaveLength(1);
    });
  });

  describe('WhatsApp Cloud API', () => {
    let cloud: CloudRuntime;
    beforeEach(async () => {
      if (backend.skipReason) return;
      cloud = await startCloudRuntime(db, { clock });
    });
    afterEach(async () => {
      if (!backend.skipReason) await cloud.stop();
    });

    /** A KPM whose Cloud API chat last wrote `hoursAgo` hours ago. */
    async function kpmWhoWrote(chatId: string, hoursAgo: number) {
      const kpm = await addKpm(db, { chats: [{ channel: 'whatsapp-cloud', chatId }] });
      await db.prisma.inboundMessage.create({
        data: {
          channel: 'whatsapp-cloud', chatId, externalId: `wamid.${chatId}`, status: 'done',
          payload: { content: { kind: 'text', text: 'terima kasih' } }, receivedAt: new Date(Date.now() - hoursAgo * HOUR),
        },
      });
      return kpm;
    }

    it.skipIf(backend.skipReason)('outside the 24-hour window: the broadcast\'s template with its parameters, or skipped with the reason', async () => {
      const recent = await kpmWhoWrote('6281200007701', 2);
      const silent = await kpmWhoWrote('6281200007702', 30);
      const target = { recipientIds: [recent.id, silent.id] };

      // No template (none on the broadcast, none configured): the silent chat is skipped with the reason, never attempted.
      const plain = await broadcastAndSettle(cloud.runtime.proactive, () => cloud.runtime.sender.wake(), 'plain', target, { kind: 'text', text: 'Pertemuan Senin.' });
      expect(plain).toMatchObject({ total: 2, sent: 1, failed: 0, skipped: { 'outside-window': 1 } });
      expect(cloud.standIn.messagesTo('6281200007702')).toEqual([]);
      const failed = await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: '6281200007702' } });
      expect(failed).toMatchObject({ status: 'failed', lastError: OUTSIDE_WINDOW_REASON });

      // With the approved template for announcements: the silent chat gets it, with its parameters; the other the text.
      const templated = await broadcastAndSettle(cloud.runtime.proactive, () => cloud.runtime.sender.wake(), 'templated', target, {
        kind: 'text',
        text: 'Pertemuan Selasa.',
        template: { name: 'pengumuman_kpm', params: ['Pertemuan Selasa.'] },
      });
      expect(templated).toMatchObject({ total: 2, sent: 2, skipped: {} });
      const [template] = cloud.standIn.messagesTo('6281200007702');
      expect(template?.body).toMatchObject({
        type: 'template',
        template: { name: 'pengumuman_kpm', language: { code: 'id' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Pertemuan Selasa.' }] }] },
      });
      expect(cloud.standIn.messagesTo('6281200007701').map((message) => message.text)).toEqual(['Pertemuan Senin.', 'Pertemuan Selasa.']);
    });
  });
});
