import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importGroups } from '../../src/importing/import-groups.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { backends, type TestDatabase } from '../support/backends.js';

const SITI = '3673035203789001';
const IMAS = '3602015009849019';

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`importGroups on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
      await seedDemoData(db);
      await db.prisma.kpmGroup.create({ data: { name: 'KUBE Mawar', programCode: 'UEP', regency: 'Kota Serang' } });
    }, 180_000);
    afterEach(async () => {
      await db?.dispose();
    });

    it('adds members to existing and new groups, refuses bad rows by line, and changes nothing the second time', async () => {
      const csv = [
        'nik;kelompok;program;model;kabupaten_kota;kecamatan;desa',
        `${SITI};kube mawar;;;;;`, // existing group, matched case-insensitively
        `${IMAS};Prokus Melati;PROKUS;Pembibitan;Kabupaten Lebak;Rangkasbitung;Lebakfiktif`, // new group
        `${SITI};Prokus Melati;;;;;`, // a KPM in a second group
        `3673035203789099;KUBE Mawar;;;;;`, // unknown NIK (valid form)
        `${IMAS};Kelompok Baru;;;;;`, // new group without program
        `${IMAS};Kelompok Lain;PROKUS;tanam;Kabupaten Lebak;;`, // bad model
        `${SITI};KUBE Mawar;;;;;`, // duplicate of line 2
        '12345;KUBE Mawar;;;;;', // bad NIK
      ].join('\n');
      const report = await importGroups(db, csv);
      expect({ read: report.read, created: report.created, unchanged: report.unchanged }).toEqual({ read: 8, created: 3, unchanged: 0 });
      expect(report.rejected.map((row) => [row.line, row.reasons[0]?.code])).toEqual([
        [5, 'unknown-recipient'],
        [6, 'required'],
        [7, 'code-format'],
        [8, 'duplicate'],
        [9, 'nik'],
      ]);
      const melati = await db.prisma.kpmGroup.findUniqueOrThrow({ where: { name: 'Prokus Melati' }, include: { _count: { select: { members: true } } } });
      expect([melati.programCode, melati.prokusModel, melati.regency, melati._count.members]).toEqual(['PROKUS', 'pembibitan', 'Kabupaten Lebak', 2]);

      const again = await importGroups(db, csv);
      expect({ created: again.created, unchanged: again.unchanged, rejected: again.rejected.length }).toEqual({ created: 0, unchanged: 3, rejected: 5 });
      expect(await db.prisma.kpmGroupMember.count()).toBe(3);
    });
  });
}
