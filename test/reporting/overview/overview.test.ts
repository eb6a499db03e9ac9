import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPrograms } from '../../../src/importing/import-programs.js';
import { importRecipients } from '../../../src/importing/import-recipients.js';
import { importStages } from '../../../src/importing/import-stages.js';
import { inboundPerDay } from '../../../src/reporting/overview/inbound-per-day.js';
import { linkedChatsPerChannel } from '../../../src/reporting/overview/linked-chats.js';
import { loadOverview } from '../../../src/reporting/overview/load-overview.js';
import { outboxHealth } from '../../../src/reporting/overview/outbox-health.js';
import { programFunnels } from '../../../src/reporting/overview/program-funnel.js';
import { Prisma } from '../../../src/storage/generated/client.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { csv, nik, NOW, PROGRAMS_CSV, RECIPIENT_HEADER, recipientRow, STAGE_HEADER } from '../../importing/fixtures.js';

// 08:00 WIB on 27 November 2026.
const CLOCK = new Date('2026-11-27T01:00:00Z');
const KOTA_SERANG = Prisma.sql`SELECT id FROM recipient WHERE regency = ${'Kota Serang'}`;

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`overview statistics on ${backend.kind}`, () => {
    let db: TestDatabase;
    const ids: number[] = [];
    beforeAll(async () => {
      db = await backend.open();
      await importPrograms(db, PROGRAMS_CSV);
      await importRecipients(
        db,
        csv(RECIPIENT_HEADER, recipientRow(1), recipientRow(2), recipientRow(3), recipientRow(4, { kabupaten_kota: 'Kabupaten Lebak' })),
        { now: NOW },
      );
      for (let n = 1; n <= 4; n++) ids.push((await db.prisma.recipient.findUniqueOrThrow({ where: { nik: nik(n) } })).id);
      await importStages(
        db,
        csv(
          STAGE_HEADER,
          [nik(1), 'UEP', 'terdaftar', '2021-01-18', '', '', '', ''],
          [nik(1), 'UEP', 'barang-diterima', '2021-10-14', '', '', '', ''], // skipped "diverifikasi": still beyond it
          [nik(2), 'UEP', 'terdaftar', '2021-01-18', '', '', '', ''],
          [nik(3), 'UEP', 'diverifikasi', '2021-03-01', '', '', '', ''],
          [nik(3), 'JAMSOSRATU', 'dicairkan', '2020-12-14', '', '', '', ''],
          [nik(4), 'UEP', 'barang-diterima', '2021-10-14', '', '', '', ''],
        ),
        { now: NOW },
      );
      const chat = (channel: string, chatId: string, recipientId: number | null, blockedAt: Date | null = null) => ({
        channel, chatId, machineId: 'kpm-assistant', machineVersion: 1, recipientId, blockedAt,
      });
      await db.prisma.conversation.createMany({
        data: [
          chat('telegram', 't1', ids[0]!),
          chat('whatsapp', 'w1', ids[1]!),
          chat('whatsapp', 'w2', ids[2]!, new Date('2026-11-20T00:00:00Z')),
          chat('whatsapp', 'w4', ids[3]!, new Date('2026-11-20T00:00:00Z')),
          chat('telegram', 't9', null),
        ],
      });
      const inbound = (chatId: string, receivedAt: string, n: number) => ({
        channel: chatId.startsWith('t') ? 'telegram' : 'whatsapp', chatId, externalId: `${chatId}-${n}`, payload: {}, receivedAt: new Date(receivedAt),
      });
      await db.prisma.inboundMessage.createMany({
        data: [
          inbound('t1', '2026-10-28T16:59:59Z', 1), // 23:59 WIB on 28 Oct: 31 days ago, left out
          inbound('t1', '2026-10-28T17:00:00Z', 2), // 00:00 WIB on 29 Oct: the first day shown
          inbound('t1', '2026-11-26T16:59:00Z', 3), // 23:59 WIB on 26 Nov
          inbound('w1', '2026-11-26T17:30:00Z', 4), // 00:30 WIB on 27 Nov: today
          inbound('w4', '2026-11-27T00:00:00Z', 5), // today, a Lebak KPM's chat
          inbound('t9', '2026-11-27T00:30:00Z', 6), // today, an unlinked chat
          inbound('t1', '2026-11-27T17:00:00Z', 7), // tomorrow in WIB: a skewed clock, left out
        ],
      });
      const outbound = (chatId: string, status: string) => ({
        channel: chatId.startsWith('t') ? 'telegram' : 'whatsapp', chatId, payload: {}, status,
      });
      await db.prisma.outboundMessage.createMany({
        data: [
          outbound('t1', 'pending'), outbound('t1', 'pending'), outbound('w1', 'sending'), outbound('w1', 'sent'),
          outbound('w2', 'blocked'), outbound('w4', 'failed'), outbound('t9', 'pending'), outbound('t1', 'failed'),
        ],
      });
    });
    afterAll(async () => {
      await db.dispose();
    });

    it('counts KPM per program and per stage as a funnel: current stage at or beyond each stage', async () => {
      const funnels = await programFunnels(db);
      expect(funnels.map((program) => [program.programCode, program.recipients, program.stages.map((s) => [s.code, s.current, s.reached])])).toEqual([
        ['JAMSOSRATU', 1, [['dana-dikirim', 0, 1], ['dicairkan', 1, 1]]],
        ['UEP', 4, [['terdaftar', 1, 4], ['diverifikasi', 1, 3], ['barang-diterima', 2, 2]]],
      ]);
      expect(funnels[1]?.stages[2]?.label).toEqual({ id: 'Barang diterima', en: 'Goods received' });
      const scoped = await programFunnels(db, KOTA_SERANG);
      expect(scoped.find((program) => program.programCode === 'UEP')?.stages.map((s) => s.reached)).toEqual([3, 2, 1]);
    });

    it('counts linked chats per channel, within a scope too', async () => {
      expect(await linkedChatsPerChannel(db)).toEqual([
        { channel: 'whatsapp', chats: 3 },
        { channel: 'telegram', chats: 1 },
      ]);
      expect(await linkedChatsPerChannel(db, KOTA_SERANG)).toEqual([
        { channel: 'whatsapp', chats: 2 },
        { channel: 'telegram', chats: 1 },
      ]);
    });

    it('counts inbound messages per WIB day for the last 30 days, zeros included', async () => {
      const days = await inboundPerDay(db, { now: CLOCK });
      expect(days).toHaveLength(30);
      expect(days[0]).toEqual({ date: '2026-10-29', messages: 1 });
      expect(days.at(-2)).toEqual({ date: '2026-11-26', messages: 1 });
      expect(days.at(-1)).toEqual({ date: '2026-11-27', messages: 3 });
      expect(days.reduce((sum, day) => sum + day.messages, 0)).toBe(5);
      const scoped = await inboundPerDay(db, { now: CLOCK, scope: KOTA_SERANG, days: 7 });
      expect(scoped.map((day) => day.date)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
      expect(scoped.map((day) => day.messages)).toEqual([0, 0, 0, 0, 0, 1, 1]);
    });

    it('reports outbox health: pending, sending, failed and blocked chats', async () => {
      expect(await outboxHealth(db)).toEqual({ pending: 3, sending: 1, failed: 2, blockedChats: 2 });
      expect(await outboxHealth(db, KOTA_SERANG)).toEqual({ pending: 2, sending: 1, failed: 1, blockedChats: 1 });
    });

    it('loads the whole overview for a scope', async () => {
      const overview = await loadOverview(db, { now: CLOCK, scope: Prisma.sql`SELECT ${ids[3]!}::int` });
      expect(overview.programs.find((p) => p.programCode === 'UEP')?.recipients).toBe(1);
      expect(overview.linkedChats).toEqual([{ channel: 'whatsapp', chats: 1 }]);
      expect(overview.inboundPerDay.at(-1)).toEqual({ date: '2026-11-27', messages: 1 });
      expect(overview.outbox).toEqual({ pending: 0, sending: 0, failed: 1, blockedChats: 1 });
    });
  });
}
