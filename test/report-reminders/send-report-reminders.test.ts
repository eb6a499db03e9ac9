import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { createProactive, type Proactive } from '../../src/proactive/index.js';
import { DEFAULT_REPORT_REMINDER_SCHEDULE } from '../../src/report-reminders/reminder-schedule.js';
import { REPORT_REMINDER_SOURCE, sendDueReportReminders } from '../../src/report-reminders/send-report-reminders.js';
import { backends, type TestDatabase } from '../support/backends.js';

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`saatnya lapor reminders on ${backend.kind}`, () => {
    let db: TestDatabase;
    let proactive: Proactive;
    const clock = { now: new Date('2026-11-05T02:00:00Z') };
    const people: Record<string, number> = {};

    beforeAll(async () => {
      db = await backend.open();
      await db.prisma.program.create({ data: { code: 'UEP', nameId: 'UEP', nameEn: 'UEP', stages: { create: [{ code: 'terdaftar', position: 1, labelId: 'Terdaftar', labelEn: 'Registered' }] } } });
      await db.prisma.program.create({ data: { code: 'JAMSOSRATU', nameId: 'Jamsosratu', nameEn: 'Jamsosratu', stages: { create: [{ code: 'terdaftar', position: 1, labelId: 'Terdaftar', labelEn: 'Registered' }] } } });
      const make = async (name: string, nik: string, program: string, chat: string | null, language = 'id') => {
        const r = await db.prisma.recipient.create({ data: { nik, fullName: name, regency: 'Kota Serang', district: 'Taktakan', village: 'Sukacontoh', events: { create: [{ programCode: program, stageCode: 'terdaftar', occurredOn: new Date('2026-01-05') }] } } });
        if (chat) await db.prisma.conversation.create({ data: { channel: 'telegram', chatId: chat, machineId: 'kpm-assistant', machineVersion: 1, recipientId: r.id, language } });
        people[name] = r.id;
      };
      await make('missing', '3673035203789001', 'UEP', '101');
      await make('english', '3673035203789002', 'UEP', '102', 'en');
      await make('reported', '3673035203789003', 'UEP', '103');
      await make('optedOut', '3673035203789004', 'UEP', '104');
      await make('noChat', '3673035203789005', 'UEP', null);
      await make('otherProgram', '3673035203789006', 'JAMSOSRATU', '106');
      await db.prisma.businessReport.create({
        data: { reference: 'LU-T1', recipientId: people.reported!, programCode: 'UEP', period: new Date('2026-11-01T00:00:00Z'), businessStatus: 'running', channel: 'telegram', submittedAt: new Date('2026-11-02T03:00:00Z') },
      });
      proactive = createProactive({ db, translate: createTranslator(), clock: { now: () => clock.now.getTime(), sleep: async () => {} } });
      await proactive.setOptOut({ channel: 'telegram', chatId: '104' }, true);
    }, 180_000);
    afterAll(async () => {
      await db?.dispose();
    });

    const run = () => sendDueReportReminders({ prisma: db.prisma, proactive, now: () => clock.now }, DEFAULT_REPORT_REMINDER_SCHEDULE);
    const texts = async (chatId: string) =>
      (await db.prisma.outboundMessage.findMany({ where: { chatId }, orderBy: { id: 'asc' } })).map((m) => JSON.stringify(m.payload));

    it('sends nothing before the first round', async () => {
      clock.now = new Date('2026-11-05T01:00:00Z');
      expect(await run()).toBeNull();
      expect(await db.prisma.outboundMessage.count()).toBe(0);
    });

    it("on the day, reaches those in a business program who have not reported, in their language, once; leaves out the opted-out", async () => {
      clock.now = new Date('2026-11-05T02:00:00Z');
      const first = await run();
      expect(first).toMatchObject({ period: '2026-11', round: 1, missing: 3, queued: 2 });
      expect(first?.skipped).toEqual({ 'opted-out': 1 });
      expect((await texts('101')).join()).toContain('saatnya lapor perkembangan usaha untuk bulan November 2026');
      expect((await texts('102')).join()).toContain("it's time to report on your business for November 2026");
      for (const chat of ['103', '104', '106']) expect(await texts(chat), chat).toEqual([]);
      const sends = await db.prisma.proactiveSend.findMany({ where: { sourceKind: REPORT_REMINDER_SOURCE } });
      expect(sends.map((s) => s.occurrenceKey)).toEqual(['round-1', 'round-1', 'round-1']);

      // Running again (another process, a restart) sends nothing more.
      clock.now = new Date('2026-11-06T03:00:00Z');
      expect(await run()).toMatchObject({ round: 1, queued: 0, alreadyQueued: 3 });
      expect(await texts('101')).toHaveLength(1);
    });

    it('after 3 days reminds again only those still missing', async () => {
      await db.prisma.businessReport.create({
        data: { reference: 'LU-T2', recipientId: people.english!, programCode: 'UEP', period: new Date('2026-11-01T00:00:00Z'), businessStatus: 'running', channel: 'telegram', submittedAt: new Date('2026-11-07T03:00:00Z') },
      });
      clock.now = new Date('2026-11-08T02:30:00Z');
      expect(await run()).toMatchObject({ round: 2, missing: 2, queued: 1 });
      expect((await texts('101')).at(-1)).toContain('belum kami terima');
      expect(await texts('102')).toHaveLength(1);
    });

    it('moves a round due in quiet hours to their end, never drops it', async () => {
      // Round 3 found at 22:00 WIB on the 12th (the process was down at 09:00): quiet until 07:00.
      clock.now = new Date('2026-11-12T15:00:00Z');
      expect(await run()).toMatchObject({ round: 3, queued: 1 });
      const last = await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: '101' }, orderBy: { id: 'desc' } });
      expect(last.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(new Date('2026-11-13T00:00:00Z').getTime());
    });
  });
}
