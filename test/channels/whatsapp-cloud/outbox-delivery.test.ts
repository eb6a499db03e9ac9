import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTSIDE_WINDOW_REASON } from '../../../src/channels/whatsapp-cloud/create-cloud-channel.js';
import { createLastInboundAt } from '../../../src/channels/whatsapp-cloud/last-inbound-at.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { eventually, startCloudRuntime, type CloudRuntime } from './cloud-runtime.js';
import { failedStatus, status, textMessage } from './fake-payloads.js';

const HOUR = 60 * 60 * 1000;
const CHAT = '6281299990055';

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`whatsapp-cloud with the outbox on ${backend.kind}`, () => {
    let db: TestDatabase;
    let cloud: CloudRuntime | undefined;

    beforeEach(async () => {
      db = await backend.open();
    });
    afterEach(async () => {
      await cloud?.stop();
      cloud = undefined;
      await db.dispose();
    });

    /** A person who last wrote `hoursAgo` hours ago, and a reminder queued for them now. */
    async function reminderAfterSilence(hoursAgo: number): Promise<bigint> {
      await db.prisma.inboundMessage.create({
        data: {
          channel: 'whatsapp-cloud',
          chatId: CHAT,
          externalId: `wamid.old.${hoursAgo}`,
          payload: { content: { kind: 'text', text: 'terima kasih' } },
          status: 'done',
          receivedAt: new Date(Date.now() - hoursAgo * HOUR),
        },
      });
      const row = await db.prisma.outboundMessage.create({
        data: { channel: 'whatsapp-cloud', chatId: CHAT, kind: 'reminder', payload: { kind: 'text', text: 'Pengingat: bimtek besok pukul 09.00.' } },
      });
      return row.id;
    }

    const settled = (id: bigint) =>
      eventually(async () => {
        const row = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id } });
        return ['pending', 'claimed', 'sending'].includes(row.status) ? undefined : row;
      }, 'the outbox to settle the reminder');

    it('last inbound 25 h ago, no template: the reminder fails with the reason and the Graph API is never called', async () => {
      const id = await reminderAfterSilence(25);
      cloud = await startCloudRuntime(db);
      const row = await settled(id);
      expect(row).toMatchObject({ status: 'failed', lastError: OUTSIDE_WINDOW_REASON, deliveryStatus: 'failed' });
      expect(cloud.standIn.requests).toBe(0);
    });

    it('last inbound 25 h ago, template configured: the approved template goes instead', async () => {
      const id = await reminderAfterSilence(25);
      cloud = await startCloudRuntime(db, { template: { name: 'kpm_lanjutkan', language: 'id' } });
      const row = await settled(id);
      const [sent] = cloud.standIn.messagesTo(CHAT);
      expect(sent?.body).toMatchObject({ type: 'template', template: { name: 'kpm_lanjutkan', language: { code: 'id' } } });
      expect(row).toMatchObject({ status: 'sent', externalId: sent?.id });
      expect(cloud.standIn.count).toBe(1);
    });

    it('last inbound 23 h ago: the reminder itself goes', async () => {
      const id = await reminderAfterSilence(23);
      cloud = await startCloudRuntime(db, { template: { name: 'kpm_lanjutkan', language: 'id' } });
      const row = await settled(id);
      expect(row.status).toBe('sent');
      expect(cloud.standIn.messagesTo(CHAT).map((message) => [message.type, message.text])).toEqual([['text', 'Pengingat: bimtek besok pukul 09.00.']]);
    });

    it('statuses move delivery_status sent → delivered → read, and a late "delivered" does not move it back', async () => {
      cloud = await startCloudRuntime(db);
      const deliveryOf = async (wamid: string) => (await db.prisma.outboundMessage.findFirstOrThrow({ where: { externalId: wamid } })).deliveryStatus;

      expect(await cloud.write(textMessage(CHAT, 'halo'))).toBe(200);
      const reply = await cloud.standIn.waitForMessage(CHAT, () => true);
      // The outbox records the wamid just after the Graph API answered.
      expect(await eventually(async () => (await db.prisma.outboundMessage.findFirst({ where: { externalId: reply.id } }))?.deliveryStatus ?? undefined, 'the reply recorded as sent')).toBe('sent');

      expect(await cloud.report(status(reply.id, 'sent', CHAT))).toBe(200);
      expect(await deliveryOf(reply.id)).toBe('sent');
      expect(await cloud.report(status(reply.id, 'delivered', CHAT))).toBe(200);
      expect(await deliveryOf(reply.id)).toBe('delivered');
      expect(await cloud.report(status(reply.id, 'read', CHAT))).toBe(200);
      expect(await deliveryOf(reply.id)).toBe('read');
      expect(await cloud.report(status(reply.id, 'delivered', CHAT), status(reply.id, 'sent', CHAT))).toBe(200);
      expect(await deliveryOf(reply.id)).toBe('read');
    });

    it('a failed status marks the message failed with Meta’s reason', async () => {
      cloud = await startCloudRuntime(db);
      expect(await cloud.write(textMessage(CHAT, 'halo'))).toBe(200);
      const reply = await cloud.standIn.waitForMessage(CHAT, () => true);
      await eventually(async () => (await db.prisma.outboundMessage.findFirst({ where: { externalId: reply.id } })) ?? undefined, 'the reply recorded');
      expect(await cloud.report(failedStatus(reply.id, 131026, 'Message undeliverable', CHAT))).toBe(200);
      const row = await db.prisma.outboundMessage.findFirstOrThrow({ where: { externalId: reply.id } });
      expect(row).toMatchObject({ status: 'failed', deliveryStatus: 'failed', lastError: 'whatsapp-cloud 131026: Message undeliverable' });
    });
  });

  describe.skipIf(backend.skipReason)(`createLastInboundAt on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
    });
    afterEach(async () => {
      await db.dispose();
    });

    it('the newest received_at of that chat on the Cloud API channel; null when it never wrote', async () => {
      const base = new Date('2026-03-01T12:00:00.000Z').getTime();
      const at = (hoursAgo: number) => new Date(base - hoursAgo * HOUR);
      const row = (channel: string, chatId: string, externalId: string, receivedAt: Date) => ({ channel, chatId, externalId, payload: {}, receivedAt });
      await db.prisma.inboundMessage.createMany({
        data: [
          row('whatsapp-cloud', CHAT, 'a', at(30)),
          row('whatsapp-cloud', CHAT, 'b', at(26)),
          row('whatsapp-cloud', '6281299990066', 'c', at(1)),
          // The same number on another channel is another conversation.
          row('whatsapp', CHAT, 'd', at(2)),
          row('telegram', CHAT, 'e', at(1)),
        ],
      });
      const lastInboundAt = createLastInboundAt(db);
      expect(await lastInboundAt(CHAT)).toEqual(at(26));
      expect(await lastInboundAt('6281299990066')).toEqual(at(1));
      expect(await lastInboundAt('6281200009999')).toBeNull();
    });
  });
}
