import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseNik } from '../../src/domain/nik/parse-nik.js';
import { readCsv } from '../../src/importing/csv/read-csv.js';
import { importPrograms } from '../../src/importing/import-programs.js';
import { CONTACT_COLUMNS } from '../../src/importing/rows/contact-row.js';
import { STAGE_COLUMNS } from '../../src/importing/rows/stage-row.js';
import { DEMO_SEED_DIR, seedDemoData } from '../../src/seed/seed-demo-data.js';
import { backends, type TestDatabase } from '../support/backends.js';

const demoFile = (name: string) =>
  readFileSync(`${DEMO_SEED_DIR}/${name}`, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));

describe('demo data files', () => {
  const recipients = demoFile('demo-recipients.csv');

  it('names only the KPM\'s own kecamatan and desa in every stage place', () => {
    const stages = readCsv(readFileSync(`${DEMO_SEED_DIR}/demo-stages.csv`, 'utf8'), STAGE_COLUMNS).rows;
    const home = new Map(recipients.map(([nik = '', , , , regency = '', district = '', village = '']) => [nik, { regency, district, village }]));
    // Branch towns of the banks and post offices, by the regency/city they serve.
    const branchRegencies: Record<string, string[]> = {
      Serang: ['Kota Serang', 'Kabupaten Serang'],
      Cilegon: ['Kota Cilegon'],
      Pandeglang: ['Kabupaten Pandeglang'],
      Rangkasbitung: ['Kabupaten Lebak'],
      Tigaraksa: ['Kabupaten Tangerang'],
      Tangerang: ['Kota Tangerang'],
      Pamulang: ['Kota Tangerang Selatan'],
    };
    let checked = 0;
    for (const { line, cells } of stages) {
      const kpm = home.get(cells.nik);
      expect(kpm, `line ${line}`).toBeDefined();
      const place = cells.lokasi;
      const district = /Kecamatan (.+)$/.exec(place)?.[1];
      if (district !== undefined) expect(district, `line ${line}: ${place}`).toBe(kpm!.district);
      const village = /(?:Desa|Kelurahan) (.+)$/.exec(place)?.[1];
      if (village !== undefined) expect(village, `line ${line}: ${place}`).toBe(kpm!.village);
      const branch = /(?:KC|Kantor Pos) (.+)$/.exec(place)?.[1];
      if (branch !== undefined) expect(branchRegencies[branch] ?? [], `line ${line}: ${place}`).toContain(kpm!.regency);
      if (district ?? village ?? branch) checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('holds about 40 clearly fictional KPM with valid Banten NIKs', () => {
    expect(recipients.length).toBeGreaterThanOrEqual(35);
    for (const [nik = '', name = '', kk = '', phone = ''] of recipients) {
      const parsed = parseNik(nik, new Date('2024-01-01T00:00:00Z'));
      expect(parsed.ok && parsed.value.provinceCode).toBe('36');
      expect(parsed.ok && Number(parsed.value.birthDate.slice(0, 4))).toBeLessThan(2000);
      expect(nik.slice(12)).toMatch(/^9\d{3}$/);
      expect(name).toMatch(/Contoh|Fiktif/);
      expect(kk).toMatch(/^36\d{10}9\d{3}$/);
      expect(phone).toMatch(/^(0812-0000-\d{4})?$/);
    }
    expect(new Set(recipients.map(([nik]) => nik)).size).toBe(recipients.length);
    const sexes = recipients.map(([nik = '']) => (Number(nik.slice(6, 8)) > 40 ? 'female' : 'male'));
    expect(sexes).toContain('female');
    expect(sexes).toContain('male');
  });

  it('has a clearly fictional contact for the province and for every regency/city of the demo KPM', () => {
    const contacts = readCsv(readFileSync(`${DEMO_SEED_DIR}/contacts.csv`, 'utf8'), CONTACT_COLUMNS).rows.map(({ cells }) => cells);
    const areas = contacts.map((contact) => contact.wilayah);
    expect(areas).toContain('provinsi');
    for (const [, , , , regency = ''] of recipients) expect(areas).toContain(regency);
    for (const contact of contacts) {
      expect(contact.telepon).toMatch(/^0\d{2,3}-000-000\d$/);
      expect(contact.whatsapp).toMatch(/^0811-0000-9\d{3}$/);
      expect(contact.alamat).toMatch(/Contoh|Fiktif/);
    }
  });

  it('gives some KPM several programs, some early stages only and some none', () => {
    const programsByNik = new Map<string, Set<string>>();
    for (const [nik = '', program = ''] of demoFile('demo-stages.csv')) {
      programsByNik.set(nik, (programsByNik.get(nik) ?? new Set()).add(program));
    }
    const counts = recipients.map(([nik = '']) => programsByNik.get(nik)?.size ?? 0);
    expect(counts.filter((count) => count >= 2).length).toBeGreaterThanOrEqual(5);
    expect(counts.filter((count) => count === 0).length).toBeGreaterThanOrEqual(3);
  });
});

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`seedDemoData on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
    });
    afterEach(async () => {
      await db.dispose();
    });

    const counts = async () => ({
      programs: await db.prisma.program.count(),
      stages: await db.prisma.programStage.count(),
      recipients: await db.prisma.recipient.count(),
      events: await db.prisma.stageEvent.count(),
    });

    it('seeds the three files once; a second run changes nothing', async () => {
      const first = await seedDemoData(db);
      expect(first).toEqual({ seeded: true, programStages: 12, recipients: 40, stageEvents: 159, contacts: 9 });
      const after = await counts();
      expect(after).toEqual({ programs: 3, stages: 12, recipients: 40, events: 159 });
      // Banten's UMK 2024–2026 for the eight regencies/cities, in sen, with their decree.
      expect(await db.prisma.minimumWage.count()).toBe(24);
      expect(await db.prisma.minimumWage.findUnique({ where: { regency_year: { regency: 'Kota Cilegon', year: 2026 } } })).toMatchObject({ amountSen: 546_992_259n, source: 'Kepgub Banten No. 703 Tahun 2025' });
      const regencies = new Set((await db.prisma.recipient.findMany({ select: { regency: true } })).map((r) => r.regency));
      const withWage = new Set((await db.prisma.minimumWage.findMany({ where: { year: 2026 } })).map((w) => w.regency));
      expect([...regencies].filter((regency) => !withWage.has(regency))).toEqual([]);
      const events = await db.prisma.stageEvent.findMany({ orderBy: { id: 'asc' } });

      expect(await seedDemoData(db)).toEqual({ seeded: false });
      expect(await counts()).toEqual(after);
      expect(await db.prisma.stageEvent.findMany({ orderBy: { id: 'asc' } })).toEqual(events);
    });

    it('orders the demo programs’ stages as in DOMAIN.md', async () => {
      await seedDemoData(db);
      const codes = async (program: string) =>
        (await db.prisma.programStage.findMany({ where: { programCode: program }, orderBy: { position: 'asc' } })).map((s) => s.code);
      expect(await codes('UEP')).toEqual(['terdaftar', 'diverifikasi', 'ditetapkan', 'pengadaan', 'barang-diterima']);
      expect(await codes('PROKUS')).toEqual(['bsimu-disalurkan', 'seleksi-modal', 'pendampingan', 'modal-disalurkan']);
      expect(await codes('JAMSOSRATU')).toEqual(['dana-dikirim', 'siap-dicairkan', 'dicairkan']);
      const amounts = await db.prisma.stageEvent.groupBy({ by: ['stageCode', 'amount'], where: { amount: { not: null } } });
      expect(amounts.map((a) => `${a.stageCode}=${a.amount}`).sort()).toEqual([
        'barang-diterima=2500000',
        'bsimu-disalurkan=500000',
        'modal-disalurkan=3500000',
      ]);
    });

    it('leaves a database whose programs were imported by an operator alone', async () => {
      const header = 'program,nama_program,nama_program_en,urutan,tahap,label,label_en';
      await importPrograms(db, `${header}\nPKH,PKH,PKH,1,terdaftar,Terdaftar,Registered\n`);
      expect(await seedDemoData(db)).toEqual({ seeded: false });
      expect(await counts()).toEqual({ programs: 1, stages: 1, recipients: 0, events: 0 });
    });

    it.skipIf(backend.kind === 'pglite')('seeds exactly once when two processes start together', async () => {
      const other = await db.openAnother();
      const results = await Promise.all([seedDemoData(db), seedDemoData(other)]);
      expect(results.filter((result) => result.seeded)).toHaveLength(1);
      expect(await counts()).toEqual({ programs: 3, stages: 12, recipients: 40, events: 159 });
    });
  });
}
