import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import type { SendAnnouncementOutput } from '../../flows/facilitator/contract.js';
import { createDashboard } from '../../src/dashboard/create-dashboard.js';
import { hashPassword } from '../../src/dashboard/security/password.js';
import type { TurnScope } from '../../src/engine/flow-binding.js';
import { announcementKey, createFacilitatorEffects } from '../../src/facilitators/facilitator-effects.js';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { abortableDelay } from '../../src/outbox/clock.js';
import { createProactive } from '../../src/proactive/index.js';
import { minutesOf, type QuietHours } from '../../src/proactive/quiet-hours.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import type { Prisma } from '../../src/storage/generated/client.js';
import { DashboardClient } from '../dashboard/support/dashboard-client.js';
import { backends, type TestDatabase } from '../support/backends.js';

const t = createTranslator();
// 27 November 2026, 10.00 WIB: daytime, so quiet hours hold nothing back.
const NOW = new Date('2026-11-27T03:00:00Z');
const PASSWORD = 'correct horse battery';

/**
 * *Kirim pengumuman* from a facilitator's chat is a Broadcast like the dashboard's: created and
 * confirmed in the chat turn's transaction, keyed by the conversation and that turn, listed on
 * the dashboard's Pengumuman page with its progress, and cancellable there.
 */
for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`facilitator effect sendAnnouncement on ${backend.kind}`, () => {
    let db: TestDatabase;
    let rina = 0;
    let mawar = 0;
    let melati = 0;

    beforeAll(async () => {
      db = await backend.open();
      await seedDemoData(db);
      const recipient = (nik: string) => db.prisma.recipient.findUniqueOrThrow({ where: { nik } });
      const siti = await recipient('3673035203789001');
      const nurhayati = await recipient('3673056111829003');
      const imas = await recipient('3602015009849019');
      rina = (await db.prisma.staffUser.create({ data: { username: 'rina', displayName: 'Bu Rina', role: 'facilitator', passwordHash: await hashPassword(PASSWORD) } })).id;
      const budi = (await db.prisma.staffUser.create({ data: { username: 'budi', displayName: 'Pak Budi', role: 'facilitator', passwordHash: 'not-used-here' } })).id;
      mawar = (await db.prisma.kpmGroup.create({
        data: { name: 'KUBE Mawar', programCode: 'UEP', regency: siti.regency, members: { create: [{ recipientId: siti.id }, { recipientId: nurhayati.id }] }, facilitators: { create: [{ staffUserId: rina }] } },
      })).id;
      melati = (await db.prisma.kpmGroup.create({
        data: { name: 'KUBE Melati', programCode: 'PROKUS', regency: imas.regency, members: { create: [{ recipientId: imas.id }] }, facilitators: { create: [{ staffUserId: budi }] } },
      })).id;
      for (const [chatId, recipientId] of [['9001', siti.id], ['9002', nurhayati.id], ['9003', imas.id]] as const) {
        await db.prisma.conversation.create({ data: { channel: 'telegram', chatId, machineId: 'kpm-assistant', machineVersion: 2, recipientId, lastActivityAt: NOW } });
      }
      await db.prisma.facilitatorChat.create({ data: { channel: 'telegram', chatId: '700', staffUserId: rina, linkedAt: NOW } });
    }, 180_000);
    afterAll(async () => {
      await db?.dispose();
    });

    /** Runs the effect as the chat turn answering inbound message `externalId` does: in one transaction. */
    function confirm(externalId: string, groupId: number, text: string, options: { at?: Date; quietHours?: QuietHours } = {}): Promise<SendAnnouncementOutput> {
      return db.prisma.$transaction(async (tx: Prisma.TransactionClient) => {
        const scope = { tx, message: { channel: 'telegram', chatId: '700', externalId, content: { kind: 'text', text: '1' } }, emit: () => undefined, forgetSender: () => undefined } as unknown as TurnScope;
        const effects = createFacilitatorEffects({ reminderOffsets: [], translate: t, now: () => options.at ?? NOW, ...(options.quietHours ? { quietHours: options.quietHours } : {}) }, scope);
        const actor = createActor(effects.sendAnnouncement, { input: { channel: 'telegram', chatId: '700', groupId, text } });
        actor.start();
        return toPromise(actor);
      });
    }

    async function messagesOf(broadcastId: number) {
      const sends = await db.prisma.proactiveSend.findMany({ where: { sourceKind: 'broadcast', sourceId: broadcastId }, select: { id: true } });
      return db.prisma.outboundMessage.findMany({ where: { proactiveSendId: { in: sends.map((send) => send.id) } } });
    }

    const queuedMessages = () => db.prisma.outboundMessage.count({ where: { kind: 'proactive', lane: 1 } });

    it('creates and confirms one broadcast per confirming turn; the same turn again sends nothing more', async () => {
      expect(await confirm('update-1', mawar, 'Besok bawa buku kas.')).toEqual({ queued: 2 });
      // The same confirmation processed again (the same inbound message): the same broadcast, no new message.
      expect(await confirm('update-1', mawar, 'Besok bawa buku kas.')).toEqual({ queued: 2 });
      expect(await queuedMessages()).toBe(2);
      const broadcasts = await db.prisma.broadcast.findMany();
      expect(broadcasts).toHaveLength(1);
      expect(broadcasts[0]).toMatchObject({ requestKey: announcementKey({ channel: 'telegram', chatId: '700' }, 'update-1'), createdById: rina, status: 'queued', target: { groupIds: [mawar] } });
      const audit = await db.prisma.auditLog.findMany({ where: { action: 'broadcast.confirm' } });
      expect(audit.map((entry) => [entry.channel, entry.chatId, entry.staffUserId])).toEqual([['telegram', '700', rina]]);

      // A later announcement (another turn) is another broadcast, even with the same words.
      expect(await confirm('update-9', mawar, 'Besok bawa buku kas.')).toEqual({ queued: 2 });
      expect(await db.prisma.broadcast.count()).toBe(2);
      expect(await queuedMessages()).toBe(4);
    });

    it('holds the announcement for the configured quiet hours (QUIET_HOURS_START/END), not the built-in 21:00–07:00', async () => {
      // 21:30 WIB: quiet by the built-in default, but this deployment is quiet only from 22:00 to 06:00.
      const evening = new Date('2026-11-27T14:30:00Z');
      const quietHours = { start: minutesOf('22:00'), end: minutesOf('06:00') };
      expect(await confirm('update-40', mawar, 'Besok pagi kumpul jam 8.', { at: evening, quietHours })).toEqual({ queued: 2 });
      const broadcast = await db.prisma.broadcast.findUniqueOrThrow({ where: { requestKey: announcementKey({ channel: 'telegram', chatId: '700' }, 'update-40') } });
      const messages = await messagesOf(broadcast.id);
      expect(messages.map((message) => message.nextAttemptAt.toISOString())).toEqual([evening.toISOString(), evening.toISOString()]);

      // At 22:30 WIB it is quiet by the configured hours too: it waits for 06:00 WIB.
      const late = new Date('2026-11-27T15:30:00Z');
      await confirm('update-41', mawar, 'Besok pagi kumpul jam 8.', { at: late, quietHours });
      const second = await db.prisma.broadcast.findUniqueOrThrow({ where: { requestKey: announcementKey({ channel: 'telegram', chatId: '700' }, 'update-41') } });
      const held = await messagesOf(second.id);
      expect(held.map((message) => message.nextAttemptAt.toISOString())).toEqual(['2026-11-27T23:00:00.000Z', '2026-11-27T23:00:00.000Z']);
    });

    it('refuses another facilitator\'s group: no broadcast, nothing queued', async () => {
      const before = await db.prisma.broadcast.count();
      expect(await confirm('update-20', melati, 'Bukan kelompok saya')).toEqual({ queued: 0 });
      expect(await db.prisma.broadcast.count()).toBe(before);
    });

    it('shows in the dashboard\'s Pengumuman list with its progress, and can be cancelled there', async () => {
      await confirm('update-30', mawar, 'Pertemuan diundur ke Jumat.');
      const broadcast = await db.prisma.broadcast.findUniqueOrThrow({ where: { requestKey: announcementKey({ channel: 'telegram', chatId: '700' }, 'update-30') } });
      const app = new Hono();
      app.route('/dashboard', createDashboard({ prisma: db.prisma, now: () => NOW }));
      const browser = new DashboardClient(app);
      expect((await browser.login('rina', PASSWORD)).status).toBe(303);
      const list = await (await browser.get('/dashboard/pengumuman')).text();
      expect(list).toContain('Pertemuan diundur ke Jumat.');
      expect(list).toContain(`/dashboard/pengumuman/${broadcast.id}`);
      const detail = await (await browser.get(`/dashboard/pengumuman/${broadcast.id}`)).text();
      expect(detail).toContain('Pertemuan diundur ke Jumat.');
      expect(detail).toMatch(/data-testid="count-queued">2</);

      // The cancel button on that page: what has not gone out yet never will.
      expect((await browser.post(`/dashboard/pengumuman/${broadcast.id}/batal`)).status).toBe(303);
      expect(await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).toMatchObject({ status: 'cancelled' });
      const proactive = createProactive({ db: { prisma: db.prisma }, translate: t, clock: { now: () => NOW.getTime(), sleep: abortableDelay } });
      expect((await proactive.progress(broadcast.id)).skipped).toEqual({ cancelled: 2 });
    });
  });
}
