import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPrograms } from '../../src/importing/import-programs.js';
import { importRecipients } from '../../src/importing/import-recipients.js';
import { importStages } from '../../src/importing/import-stages.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { csv, nik, NOW, PROGRAMS_CSV, RECIPIENT_HEADER, recipientRow, STAGE_HEADER } from './fixtures.js';

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`importStages on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
      await importPrograms(db, PROGRAMS_CSV);
      await importRecipients(db, csv(RECIPIENT_HEADER, recipientRow(1), recipientRow(2)), { now: NOW });
    });
    afterEach(async () => {
      await db.dispose();
    });

    const storedEvents = () =>
      db.prisma.stageEvent.findMany({ orderBy: { id: 'asc' }, include: { recipient: { select: { nik: true } } } });

    it('imports stage events with date, amount, channel, place and note', async () => {
      const report = await importStages(
        db,
        csv(
          STAGE_HEADER,
          [nik(1), 'JAMSOSRATU', 'dana-dikirim', '2020-12-07', '', 'Jamsosratu 2020', 'BRI', 'BRI KC Serang'],
          [nik(1), 'UEP', 'barang-diterima', '2021-10-14', 'Rp2.500.000', 'mesin jahit', 'serah terima barang', 'Kec. Taktakan'],
          [nik(2), 'UEP', 'terdaftar', '2022-02-14', '', '', '', ''],
        ),
        { now: NOW },
      );
      expect(report).toMatchObject({ kind: 'stages', read: 3, created: 3, updated: 0, unchanged: 0, rejected: [] });
      const events = await storedEvents();
      const summary = events.map((e) => [
        e.recipient.nik, e.programCode, e.stageCode, e.occurredOn.toISOString().slice(0, 10), e.amount, e.channel, e.place, e.note,
      ]);
      expect(summary).toEqual([
        [nik(1), 'JAMSOSRATU', 'dana-dikirim', '2020-12-07', null, 'BRI', 'BRI KC Serang', 'Jamsosratu 2020'],
        [nik(1), 'UEP', 'barang-diterima', '2021-10-14', 2_500_000n, 'serah terima barang', 'Kec. Taktakan', 'mesin jahit'],
        [nik(2), 'UEP', 'terdaftar', '2022-02-14', null, null, null, null],
      ]);
    });

    it('accepts a file without the optional saluran and lokasi columns', async () => {
      const report = await importStages(
        db,
        csv(['nik', 'program', 'tahap', 'tanggal', 'nominal', 'keterangan'], [nik(1), 'UEP', 'terdaftar', '2021-01-18', '', '']),
        { now: NOW },
      );
      expect(report).toMatchObject({ created: 1, rejected: [] });
    });

    it('keeps the stored channel and place when the file has no saluran/lokasi columns', async () => {
      await importStages(db, csv(STAGE_HEADER, [nik(1), 'JAMSOSRATU', 'dicairkan', '2020-12-14', '', '', 'BRI', 'BRI KC Serang']), {
        now: NOW,
      });
      const short = ['nik', 'program', 'tahap', 'tanggal', 'nominal', 'keterangan'];
      const same = await importStages(db, csv(short, [nik(1), 'JAMSOSRATU', 'dicairkan', '2020-12-14', '', '']), { now: NOW });
      expect(same).toMatchObject({ unchanged: 1, updated: 0 });
      const noted = await importStages(db, csv(short, [nik(1), 'JAMSOSRATU', 'dicairkan', '2020-12-14', '', 'diambil']), { now: NOW });
      expect(noted).toMatchObject({ unchanged: 0, updated: 1 });
      expect(await db.prisma.stageEvent.findFirst()).toMatchObject({ channel: 'BRI', place: 'BRI KC Serang', note: 'diambil' });
    });

    it('refuses unknown programs, stages and NIKs and every bad cell, by line', async () => {
      const good = [nik(1), 'UEP', 'terdaftar', '2021-01-18', '', '', '', ''];
      const report = await importStages(
        db,
        csv(
          STAGE_HEADER,
          good, //                                                                      line 2
          [nik(1), 'PKH', 'terdaftar', '2021-01-18', '', '', '', ''], //               3
          [nik(1), 'uep', 'terdaftar', '2021-01-18', '', '', '', ''], //               4
          [nik(1), 'UEP', 'dicairkan', '2021-01-18', '', '', '', ''], //               5: stage of another program
          [nik(3), 'UEP', 'terdaftar', '2021-01-18', '', '', '', ''], //               6: valid NIK, not imported
          [nik(1), 'UEP', 'diverifikasi', '18/01/2021', '', '', '', ''], //            7
          [nik(1), 'UEP', 'diverifikasi', '2021-02-30', '', '', '', ''], //            8
          [nik(1), 'UEP', 'diverifikasi', '2024-06-02', '', '', '', ''], //            9: after NOW (WIB)
          [nik(1), 'UEP', 'diverifikasi', '2021-03-15', '"3,5 juta"', '', '', ''], //    10
          [nik(1), 'UEP', 'diverifikasi', '2021-03-15', '-500000', '', '', ''], //     11
          ['123', 'UEP', 'diverifikasi', '2021-03-15', '', '', '', ''], //             12
          [nik(1), '', 'UEP tahap 1', '', '', '', '', ''], //                          13
          [nik(1), 'UEP', 'terdaftar', '2021-01-19', '', '', '', ''], //               14: repeats line 2
          [nik(2), 'JAMSOSRATU', 'dicairkan', '2020-12-14', '', '', '', ''], //        15: good
        ),
        { now: NOW },
      );
      expect(report.rejected).toEqual([
        { line: 3, reasons: [{ code: 'unknown-program', program: 'PKH' }] },
        { line: 4, reasons: [{ code: 'unknown-program', program: 'uep', suggestion: 'UEP' }] },
        { line: 5, reasons: [{ code: 'unknown-stage', program: 'UEP', stage: 'dicairkan' }] },
        { line: 6, reasons: [{ code: 'unknown-recipient' }] },
        { line: 7, reasons: [{ code: 'date-format' }] },
        { line: 8, reasons: [{ code: 'date-invalid' }] },
        { line: 9, reasons: [{ code: 'date-future' }] },
        { line: 10, reasons: [{ code: 'amount' }] },
        { line: 11, reasons: [{ code: 'amount' }] },
        { line: 12, reasons: [{ code: 'nik', column: 'nik', problem: 'length', length: 3 }] },
        {
          line: 13,
          reasons: [
            { code: 'required', column: 'program' },
            { code: 'code-format', column: 'tahap' },
            { code: 'date-format' },
          ],
        },
        { line: 14, reasons: [{ code: 'duplicate', firstLine: 2 }] },
      ]);
      expect(report).toMatchObject({ read: 14, created: 2, updated: 0, unchanged: 0 });
      expect((await storedEvents()).map((e) => [e.recipient.nik, e.stageCode])).toEqual([
        [nik(1), 'terdaftar'],
        [nik(2), 'dicairkan'],
      ]);
    });

    it('re-importing the same file changes nothing; a changed row updates the same event', async () => {
      const text = csv(
        STAGE_HEADER,
        [nik(1), 'JAMSOSRATU', 'dana-dikirim', '2020-12-07', '', 'Jamsosratu 2020', 'BRI', 'BRI KC Serang'],
        [nik(1), 'UEP', 'barang-diterima', '2021-10-14', '2500000', '', 'serah terima barang', ''],
        [nik(2), 'UEP', 'terdaftar', '2022-02-14', '', '', '', ''],
      );
      await importStages(db, text, { now: NOW });
      const before = await storedEvents();

      expect(await importStages(db, text, { now: NOW, batchSize: 1 })).toMatchObject({
        read: 3, created: 0, updated: 0, unchanged: 3, rejected: [],
      });
      expect(await storedEvents()).toEqual(before);

      // "Rp2.500.000" is the same amount as "2500000": still unchanged.
      const sameAmount = text.replace(',2500000,', ',Rp2.500.000,');
      expect(await importStages(db, sameAmount, { now: NOW })).toMatchObject({ unchanged: 3 });

      const changed = text.replace(
        '2020-12-07,,Jamsosratu 2020,BRI,BRI KC Serang',
        '2020-12-08,,Jamsosratu 2020,BRI,BRI KCP Taktakan',
      );
      expect(await importStages(db, changed, { now: NOW })).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
      const after = await storedEvents();
      expect(after).toHaveLength(3);
      expect(after[0]).toMatchObject({ id: before[0]?.id, place: 'BRI KCP Taktakan', occurredOn: new Date('2020-12-08T00:00:00Z') });
    });

    it('refuses every row while no program is defined yet', async () => {
      const empty = await backend.open();
      try {
        await importRecipients(empty, csv(RECIPIENT_HEADER, recipientRow(1)), { now: NOW });
        const stages = csv(STAGE_HEADER, [nik(1), 'UEP', 'terdaftar', '2021-01-18', '', '', '', '']);
        const report = await importStages(empty, stages, { now: NOW });
        expect(report.rejected).toEqual([{ line: 2, reasons: [{ code: 'unknown-program', program: 'UEP' }] }]);
        expect(await empty.prisma.stageEvent.count()).toBe(0);
      } finally {
        await empty.dispose();
      }
    });
  });
}
