import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPrograms } from '../../../src/importing/import-programs.js';
import { importRecipients } from '../../../src/importing/import-recipients.js';
import { importStages } from '../../../src/importing/import-stages.js';
import { programFunnels } from '../../../src/reporting/overview/program-funnel.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { csv, nik, NOW, PROGRAM_HEADER, PROGRAMS_CSV, RECIPIENT_HEADER, recipientRow, STAGE_HEADER } from '../../importing/fixtures.js';

/** The funnel as the triggers keep it: current count per stage, per program. */
async function tallied(db: TestDatabase): Promise<Record<string, number[]>> {
  const funnels = await programFunnels(db);
  return Object.fromEntries(funnels.map((f) => [f.programCode, f.stages.map((s) => s.current)]));
}

/** The same figures computed from every stage event, the slow way the funnel replaced. */
async function fromEvents(db: TestDatabase): Promise<Record<string, number[]>> {
  const programs = await db.prisma.program.findMany({ orderBy: { code: 'asc' }, include: { stages: { orderBy: { position: 'asc' } } } });
  const rows = await db.prisma.$queryRawUnsafe<{ program_code: string; stage_code: string; n: number }[]>(`
    SELECT program_code, stage_code, count(*)::int AS n FROM (
      SELECT DISTINCT ON (e.recipient_id, e.program_code) e.program_code, e.stage_code
        FROM stage_event e JOIN program_stage s ON s.program_code = e.program_code AND s.code = e.stage_code
       ORDER BY e.recipient_id, e.program_code, s.position DESC) c
     GROUP BY program_code, stage_code`);
  const count = new Map(rows.map((r) => [`${r.program_code} ${r.stage_code}`, r.n]));
  return Object.fromEntries(programs.map((p) => [p.code, p.stages.map((s) => count.get(`${p.code} ${s.code}`) ?? 0)]));
}

const stage = (n: number, program: string, code: string, date = '2021-03-01') => [nik(n), program, code, date, '', '', '', ''];

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`precomputed funnel on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
      await importPrograms(db, PROGRAMS_CSV);
      await importRecipients(db, csv(RECIPIENT_HEADER, ...[1, 2, 3, 4].map((n) => recipientRow(n))), { now: NOW });
      await importStages(
        db,
        csv(STAGE_HEADER, stage(1, 'UEP', 'terdaftar'), stage(1, 'UEP', 'diverifikasi'), stage(2, 'UEP', 'terdaftar'), stage(3, 'JAMSOSRATU', 'dicairkan')),
        { now: NOW },
      );
    });
    afterEach(async () => {
      await db.dispose();
    });

    it('counts each KPM once, at its furthest stage, from the first import on', async () => {
      expect(await tallied(db)).toEqual({ JAMSOSRATU: [0, 1], UEP: [1, 1, 0] });
      expect(await tallied(db)).toEqual(await fromEvents(db));
    });

    it('follows new, changed and deleted stage events and deleted KPM in the same transaction', async () => {
      await importStages(db, csv(STAGE_HEADER, stage(2, 'UEP', 'barang-diterima'), stage(4, 'UEP', 'diverifikasi')), { now: NOW });
      expect(await tallied(db)).toEqual({ JAMSOSRATU: [0, 1], UEP: [0, 2, 1] });

      // An event moved to another stage (an UPDATE of its stage code).
      const kpm1 = await db.prisma.recipient.findUniqueOrThrow({ where: { nik: nik(1) } });
      await db.prisma.$executeRaw`UPDATE stage_event SET stage_code = 'barang-diterima' WHERE recipient_id = ${kpm1.id} AND stage_code = 'diverifikasi'`;
      expect(await tallied(db)).toEqual({ JAMSOSRATU: [0, 1], UEP: [0, 1, 2] });

      await db.prisma.stageEvent.deleteMany({ where: { recipientId: kpm1.id, stageCode: 'barang-diterima' } });
      expect(await tallied(db)).toEqual({ JAMSOSRATU: [0, 1], UEP: [1, 1, 1] });

      // Deleting a KPM cascades to their events, and out of the funnel.
      await db.prisma.recipient.delete({ where: { nik: nik(3) } });
      expect(await tallied(db)).toEqual({ JAMSOSRATU: [0, 0], UEP: [1, 1, 1] });

      // A failed transaction leaves the funnel as it was.
      await expect(
        db.prisma.$transaction(async (tx) => {
          await tx.$executeRaw`DELETE FROM stage_event`;
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await tallied(db)).toEqual({ JAMSOSRATU: [0, 0], UEP: [1, 1, 1] });
      expect(await tallied(db)).toEqual(await fromEvents(db));
    });

    it('recounts a program whose stages are reordered by a programs import', async () => {
      await importStages(db, csv(STAGE_HEADER, stage(2, 'UEP', 'barang-diterima'), stage(4, 'UEP', 'diverifikasi'), stage(4, 'UEP', 'barang-diterima')), { now: NOW });
      const byCode = async () => Object.fromEntries((await programFunnels(db)).find((f) => f.programCode === 'UEP')!.stages.map((s) => [s.code, s.current]));
      // KPM 1 at diverifikasi; KPM 2 and KPM 4 at barang-diterima (the last stage).
      expect(await byCode()).toEqual({ terdaftar: 0, diverifikasi: 1, 'barang-diterima': 2 });
      await importPrograms(
        db,
        csv(
          PROGRAM_HEADER,
          ['UEP', 'Usaha Ekonomi Produktif', 'Productive Economic Enterprise', 1, 'terdaftar', 'Terdaftar', 'Registered'],
          ['UEP', 'Usaha Ekonomi Produktif', 'Productive Economic Enterprise', 2, 'barang-diterima', 'Barang diterima', 'Goods received'],
          ['UEP', 'Usaha Ekonomi Produktif', 'Productive Economic Enterprise', 3, 'diverifikasi', 'Diverifikasi', 'Verified'],
        ),
      );
      // diverifikasi now comes last: KPM 4 (who has both) moves there.
      expect(await byCode()).toEqual({ terdaftar: 0, 'barang-diterima': 1, diverifikasi: 2 });
      expect(await tallied(db)).toEqual(await fromEvents(db));
    });
  });
}
