import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPrograms } from '../../src/importing/import-programs.js';
import { importRecipients } from '../../src/importing/import-recipients.js';
import { importStages } from '../../src/importing/import-stages.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { csv, nik, NOW, PROGRAM_HEADER, PROGRAMS_CSV, RECIPIENT_HEADER, recipientRow, STAGE_HEADER } from './fixtures.js';

const UEP = ['UEP', 'Usaha Ekonomi Produktif', 'Productive Economic Enterprise'];
const ORIGINAL_UEP = ['1:terdaftar:Terdaftar', '2:diverifikasi:Diverifikasi', '3:barang-diterima:Barang diterima'];
const JAMSOSRATU = ['JAMSOSRATU', 'Jamsosratu', 'Jamsosratu'];

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`importPrograms on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
    });
    afterEach(async () => {
      await db.dispose();
    });

    const stagesOf = async (program: string) =>
      (await db.prisma.programStage.findMany({ where: { programCode: program }, orderBy: { position: 'asc' } })).map(
        (stage) => `${stage.position}:${stage.code}:${stage.labelId}`,
      );

    it('creates programs with their ordered stages; the same file again changes nothing', async () => {
      expect(await importPrograms(db, PROGRAMS_CSV)).toMatchObject({
        read: 5, created: 5, updated: 0, unchanged: 0, removed: 0, rejected: [],
      });
      expect(await db.prisma.program.findUnique({ where: { code: 'UEP' } })).toMatchObject({
        nameId: 'Usaha Ekonomi Produktif',
        nameEn: 'Productive Economic Enterprise',
      });
      expect(await stagesOf('UEP')).toEqual(ORIGINAL_UEP);
      expect(await stagesOf('JAMSOSRATU')).toEqual(['1:dana-dikirim:Dana dikirim ke bank penyalur', '2:dicairkan:Dicairkan']);

      const before = await db.prisma.programStage.findMany({ orderBy: [{ programCode: 'asc' }, { position: 'asc' }] });
      expect(await importPrograms(db, PROGRAMS_CSV)).toMatchObject({ created: 0, updated: 0, unchanged: 5, removed: 0 });
      expect(await db.prisma.programStage.findMany({ orderBy: [{ programCode: 'asc' }, { position: 'asc' }] })).toEqual(before);
    });

    it('replaces a program’s stage order, adds and drops unused stages, keeps events and other programs', async () => {
      await importPrograms(db, PROGRAMS_CSV);
      await importRecipients(db, csv(RECIPIENT_HEADER, recipientRow(1)), { now: NOW });
      await importStages(db, csv(STAGE_HEADER, [nik(1), 'UEP', 'terdaftar', '2021-01-18', '', '', '', '']), { now: NOW });

      const report = await importPrograms(
        db,
        csv(
          PROGRAM_HEADER,
          [...UEP, 1, 'diverifikasi', 'Diverifikasi', 'Verified'],
          [...UEP, 2, 'terdaftar', 'Terdaftar', 'Registered'],
          [...UEP, 3, 'ditetapkan', 'Ditetapkan (SK)', 'Approved'],
        ),
      );
      expect(report).toMatchObject({ read: 3, created: 1, updated: 2, unchanged: 0, removed: 1, rejected: [] });
      expect(await stagesOf('UEP')).toEqual(['1:diverifikasi:Diverifikasi', '2:terdaftar:Terdaftar', '3:ditetapkan:Ditetapkan (SK)']);
      expect(await stagesOf('JAMSOSRATU')).toHaveLength(2);
      expect(await db.prisma.stageEvent.count({ where: { programCode: 'UEP', stageCode: 'terdaftar' } })).toBe(1);
    });

    it('refuses to drop a stage that has events and leaves that program unchanged', async () => {
      await importPrograms(db, PROGRAMS_CSV);
      await importRecipients(db, csv(RECIPIENT_HEADER, recipientRow(1), recipientRow(2)), { now: NOW });
      await importStages(
        db,
        csv(
          STAGE_HEADER,
          [nik(1), 'UEP', 'barang-diterima', '2021-10-14', '2500000', '', '', ''],
          [nik(2), 'UEP', 'barang-diterima', '2021-10-14', '2500000', '', '', ''],
        ),
        { now: NOW },
      );
      const report = await importPrograms(
        db,
        csv(
          PROGRAM_HEADER,
          [...UEP, 1, 'terdaftar', 'Terdaftar', 'Registered'],
          [...UEP, 2, 'diverifikasi', 'Diverifikasi', 'Verified'],
          ['JAMSOSRATU', 'Jamsosratu', 'Jamsosratu', 1, 'dana-dikirim', 'Dana dikirim', 'Funds sent'],
        ),
      );
      expect(report.rejected).toEqual([
        { line: 2, reasons: [{ code: 'stage-in-use', program: 'UEP', stage: 'barang-diterima', events: 2 }] },
        { line: 3, reasons: [{ code: 'program-not-changed', program: 'UEP', line: 2 }] },
      ]);
      // Another program in the same file is still applied.
      expect(report).toMatchObject({ read: 3, updated: 1, removed: 1 });
      expect(await stagesOf('UEP')).toEqual(ORIGINAL_UEP);
      expect(await stagesOf('JAMSOSRATU')).toEqual(['1:dana-dikirim:Dana dikirim']);
    });

    it('refuses bad rows by line and does not half-apply a program with a refused row', async () => {
      await importPrograms(db, PROGRAMS_CSV);
      const report = await importPrograms(
        db,
        csv(
          PROGRAM_HEADER, //                                                                 line 1
          [...UEP, 1, 'terdaftar', 'Terdaftar', 'Registered'], //                            2
          [...UEP, 2, 'terdaftar', 'Terdaftar lagi', 'Registered again'], //                 3: same stage
          [...UEP, 1, 'diverifikasi', 'Diverifikasi', 'Verified'], //                        4: same position
          ['UEP', 'UEP lain', 'Other UEP', 3, 'ditetapkan', 'Ditetapkan', 'Approved'], //    5: other names
          [...UEP, 'satu', 'pengadaan barang', '', 'Procured'], //                           6
          ['PROKUS', 'Prokus', '', 0, 'bsimu', 'BSIMU', 'BSIMU'], //                          7
          ['PROKUS', 'Prokus', 'Prokus', 2, 'seleksi', 'Seleksi', 'Selection'], //           8
          [...JAMSOSRATU, 1, 'dana-dikirim', 'Dana dikirim ke bank penyalur', 'Funds sent to the bank'], // 9
          [...JAMSOSRATU, 2, 'dicairkan', 'Dicairkan', 'Collected'], //                                   10
        ),
      );
      expect(report.rejected).toEqual([
        { line: 2, reasons: [{ code: 'program-not-changed', program: 'UEP', line: 3 }] },
        { line: 3, reasons: [{ code: 'duplicate', firstLine: 2 }] },
        { line: 4, reasons: [{ code: 'duplicate-position', firstLine: 2 }] },
        { line: 5, reasons: [{ code: 'program-name-mismatch', firstLine: 2 }] },
        {
          line: 6,
          reasons: [{ code: 'position' }, { code: 'code-format', column: 'tahap' }, { code: 'required', column: 'label' }],
        },
        { line: 7, reasons: [{ code: 'required', column: 'nama_program_en' }, { code: 'position' }] },
        { line: 8, reasons: [{ code: 'program-not-changed', program: 'PROKUS', line: 7 }] },
      ]);
      expect(report).toMatchObject({ read: 9, created: 0, updated: 0, unchanged: 2, removed: 0 });
      expect(await stagesOf('UEP')).toEqual(ORIGINAL_UEP);
      expect(await db.prisma.program.count({ where: { code: 'PROKUS' } })).toBe(0);
    });

    it('changes nothing at all when a row cannot be split into columns', async () => {
      const report = await importPrograms(db, `${PROGRAMS_CSV}UEP,too,few\n`);
      expect(report.rejected.at(-1)).toEqual({ line: 7, reasons: [{ code: 'column-count', expected: 7, found: 3 }] });
      expect(report.rejected.slice(0, 5)).toEqual(
        [2, 3, 4, 5, 6].map((line) => ({
          line,
          reasons: [{ code: 'program-not-changed', program: line < 5 ? 'UEP' : 'JAMSOSRATU', line: 7 }],
        })),
      );
      expect(await db.prisma.program.count()).toBe(0);
    });
  });
}
