import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaStore } from '../../src/media/media-store.js';
import { facilitatorReportRecap } from '../../src/report-review/facilitator-recap.js';
import { loadReportRecap } from '../../src/report-review/load-report-recap.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { dashboardFixture, IN_GROUP_NIK, OTHER_GROUP_NIK, PASSWORD, type DashboardFixture } from './support/dashboard-fixture.js';
import type { DashboardClient } from './support/dashboard-client.js';

/** An in-memory media store: the photos' bytes, by key. */
function memoryMediaStore(): MediaStore {
  const items = new Map<string, { bytes: Buffer; mimeType: string }>([
    ['local:thumb-a', { bytes: Buffer.from('THUMBNAIL-A'), mimeType: 'image/jpeg' }],
    ['local:full-a', { bytes: Buffer.from('FULL-PHOTO-A'), mimeType: 'image/jpeg' }],
    ['local:thumb-b', { bytes: Buffer.from('THUMBNAIL-B'), mimeType: 'image/jpeg' }],
    ['local:full-b', { bytes: Buffer.from('FULL-PHOTO-B'), mimeType: 'image/jpeg' }],
  ]);
  return {
    put: () => Promise.reject(new Error('read-only')),
    get: async (ref) => items.get(ref) ?? null,
  };
}

const photo = (key: string) => ({ position: 1, mediaKey: `local:full-${key}`, thumbnailKey: `local:thumb-${key}`, mimeType: 'image/jpeg', width: 800, height: 600, byteSize: 12 });

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`Laporan usaha on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;
    let operator: DashboardClient;
    let facilitator: DashboardClient;
    let siti: number;
    let imas: number;
    let dewi: number;
    let sitiNovember: number;
    let imasNovember: number;

    beforeAll(async () => {
      db = await backend.open();
      f = await dashboardFixture(db, { mediaStore: memoryMediaStore() });
      siti = await f.recipientId(IN_GROUP_NIK);
      imas = await f.recipientId(OTHER_GROUP_NIK);
      // A second member of group A who has not reported this month.
      dewi = (await db.prisma.recipient.create({ data: { nik: '3673034512880002', fullName: 'Dewi Contoh Lestari', regency: 'Kota Serang', district: 'Taktakan', village: 'Sukacontoh' } })).id;
      await db.prisma.kpmGroupMember.create({ data: { groupId: f.groupA, recipientId: dewi } });
      await db.prisma.minimumWage.createMany({
        data: [
          { regency: 'Kota Serang', year: 2026, amountSen: 466_592_794n, source: 'Kepgub Banten No. 703 Tahun 2025' },
          { regency: 'Kabupaten Lebak', year: 2026, amountSen: 333_001_062n, source: 'Kepgub Banten No. 703 Tahun 2025' },
        ],
      });
      // Siti (group A, UEP, Kota Serang): four months, the last three at or above the UMK.
      const profits: [string, bigint, bigint][] = [['2026-08', 6_000_000n, 1_000_000n], ['2026-09', 9_000_000n, 4_700_000n], ['2026-10', 9_500_000n, 4_800_000n], ['2026-11', 10_000_000n, 5_100_000n]];
      for (const [month, sales, profit] of profits) {
        const report = await db.prisma.businessReport.create({
          data: {
            reference: `LU-SITI${month.slice(5)}`, recipientId: siti, programCode: 'UEP', period: new Date(`${month}-01T00:00:00Z`), businessStatus: 'running',
            salesAmount: sales, profitAmount: profit, familyWorkers: 1, paidWorkers: 0, equipmentUse: 'all-used', channel: 'telegram',
            submittedAt: new Date(`${month}-05T03:00:00Z`), problems: month === '2026-11' ? 'Butuh etalase baru' : null,
            ...(month === '2026-11' ? { photos: { create: [photo('a')] } } : {}),
          },
        });
        if (month === '2026-11') sitiNovember = report.id;
      }
      // Imas (group B, PROKUS, Lebak): November, stopped.
      imasNovember = (await db.prisma.businessReport.create({
        data: {
          reference: 'LU-IMAS11', recipientId: imas, programCode: 'PROKUS', period: new Date('2026-11-01T00:00:00Z'), businessStatus: 'stopped', stopReason: 'no-capital',
          stopNote: 'Modal habis untuk berobat', channel: 'whatsapp', submittedAt: new Date('2026-11-04T03:00:00Z'), photos: { create: [photo('b')] },
        },
      })).id;
      operator = await f.as('operator');
      facilitator = await f.as('facilitator');
    }, 180_000);
    afterAll(async () => {
      await db?.dispose();
    });

    const audits = (action: string, staffUserId: number) => db.prisma.auditLog.findMany({ where: { action, staffUserId }, orderBy: { id: 'asc' } });

    it("shows an operator the month's reports of every group, with the graduation mark and totals, and audits the view", async () => {
      const response = await operator.get('/dashboard/laporan-usaha?bulan=2026-11');
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`/dashboard/laporan-usaha/penerima/${siti}"`);
      expect(html).toContain(`/dashboard/laporan-usaha/penerima/${imas}"`);
      expect(html).not.toContain('Siti Contoh Rahayu');
      expect(html).toContain('Calon graduasi');
      expect(html).toContain('1 dari 2 (50%)');
      expect(html).toContain('Rp10.000.000');
      const [entry] = await audits('staff.view.business-reports', f.users.operator);
      expect(entry?.details).toMatchObject({ month: '2026-11', shown: 2 });
    });

    it('filters by program, group and region, and drops malformed filters instead of failing', async () => {
      const byProgram = await (await operator.get('/dashboard/laporan-usaha?bulan=2026-11&program=PROKUS')).text();
      expect(byProgram).toContain(`/penerima/${imas}"`);
      expect(byProgram).not.toContain(`/penerima/${siti}"`);
      const byRegion = await (await operator.get(`/dashboard/laporan-usaha?bulan=2026-11&wilayah=${encodeURIComponent('Kota Serang')}`)).text();
      expect(byRegion).toContain(`/penerima/${siti}"`);
      expect(byRegion).not.toContain(`/penerima/${imas}"`);
      const byGroup = await (await operator.get(`/dashboard/laporan-usaha?bulan=2026-11&kelompok=${f.groupB}`)).text();
      expect(byGroup).toContain(`/penerima/${imas}"`);
      expect(byGroup).not.toContain(`/penerima/${siti}"`);
      const october = await (await operator.get('/dashboard/laporan-usaha?bulan=2026-10')).text();
      expect(october).toContain(`/penerima/${siti}"`);
      expect(october).not.toContain(`/penerima/${imas}"`);
      for (const query of ['?bulan=2026-13', '?bulan=%27;drop', '?kelompok=abc&program=%3Cscript%3E', '?setelah=zzz', `?wilayah=${'x'.repeat(500)}`]) {
        expect((await operator.get(`/dashboard/laporan-usaha${query}`)).status, query).toBe(200);
      }
    });

    it('shows a facilitator only their groups, in the table, the totals, the groups and by URL', async () => {
      const html = await (await facilitator.get('/dashboard/laporan-usaha?bulan=2026-11')).text();
      expect(html).toContain(`/penerima/${siti}"`);
      expect(html).not.toContain(`/penerima/${imas}"`);
      expect(html).toContain('1 dari 1 (100%)');
      expect(html).toContain('Group A');
      expect(html).not.toContain('Group B');
      const otherGroup = await (await facilitator.get(`/dashboard/laporan-usaha?bulan=2026-11&kelompok=${f.groupB}`)).text();
      expect(otherGroup).not.toContain(`/penerima/${imas}"`);

      expect((await facilitator.get(`/dashboard/laporan-usaha/kelompok/${f.groupB}`)).status).toBe(404);
      expect((await facilitator.get(`/dashboard/laporan-usaha/penerima/${imas}`)).status).toBe(404);
      expect((await facilitator.get(`/dashboard/laporan-usaha/foto/${imasNovember}/1/kecil`)).status).toBe(404);
      expect((await facilitator.get(`/dashboard/laporan-usaha/foto/${imasNovember}/1`)).status).toBe(404);
      expect(await db.prisma.auditLog.count({ where: { staffUserId: f.users.facilitator, recipientId: imas } })).toBe(0);
    });

    it("shows a group's month: totals, the share still running, and who has not reported", async () => {
      const response = await facilitator.get(`/dashboard/laporan-usaha/kelompok/${f.groupA}?bulan=2026-11`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('Belum lapor');
      expect(html).toContain(`/penerima/${dewi}"`);
      expect(html).toContain('1 dari 1 (100%)');
      expect(html).toContain('Rp5.100.000');
      const [entry] = await audits('staff.view.business-reports', f.users.facilitator).then((rows) => rows.filter((row) => (row.details as { groupId?: number }).groupId === f.groupA));
      expect(entry?.details).toMatchObject({ groupId: f.groupA, month: '2026-11' });
    });

    it("shows a KPM's trend chart, answers, problems and photo thumbnails, and audits the view", async () => {
      const response = await facilitator.get(`/dashboard/laporan-usaha/penerima/${siti}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<svg');
      expect(html.match(/<circle/g)?.length).toBe(8);
      expect(html).toContain('Butuh etalase baru');
      expect(html).toContain(`/dashboard/laporan-usaha/foto/${sitiNovember}/1/kecil`);
      expect(html).toContain('Calon graduasi: keuntungan mencapai UMK tiga bulan berturut-turut');
      // Figures of August–October are judged against 2026's UMK; the 2025 one is missing here.
      expect(html).toContain('Rp4.665.927,94');
      expect(await db.prisma.auditLog.count({ where: { action: 'staff.view.business-report', staffUserId: f.users.facilitator, recipientId: siti } })).toBe(1);
    });

    it('serves photos only through the app, to readers in scope; a full-size photo is audited', async () => {
      const thumbnail = await facilitator.get(`/dashboard/laporan-usaha/foto/${sitiNovember}/1/kecil`);
      expect(thumbnail.status).toBe(200);
      expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
      expect(thumbnail.headers.get('cache-control')).toContain('no-store');
      expect(Buffer.from(await thumbnail.arrayBuffer()).toString()).toBe('THUMBNAIL-A');
      const full = await facilitator.get(`/dashboard/laporan-usaha/foto/${sitiNovember}/1`);
      expect(Buffer.from(await full.arrayBuffer()).toString()).toBe('FULL-PHOTO-A');
      expect(await db.prisma.auditLog.count({ where: { action: 'staff.view.business-report-photo', staffUserId: f.users.facilitator, recipientId: siti } })).toBe(1);
      for (const path of [`/foto/${sitiNovember}/2`, `/foto/${sitiNovember}/abc`, '/foto/999999/1/kecil', '/penerima/abc', '/kelompok/0']) {
        expect((await facilitator.get(`/dashboard/laporan-usaha${path}`)).status, path).toBe(404);
      }
      // Another group's facilitator cannot open Siti's photo.
      const other = f.client();
      await other.login('other.facilitator', PASSWORD);
      expect((await other.get(`/dashboard/laporan-usaha/foto/${sitiNovember}/1/kecil`)).status).toBe(404);
      expect((await other.get(`/dashboard/laporan-usaha/foto/${imasNovember}/1/kecil`)).status).toBe(200);
    });

    it('exports the filtered month as CSV and XLSX, in the reader scope, audited', async () => {
      const csv = await operator.get('/dashboard/laporan-usaha/ekspor.csv?bulan=2026-11');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toContain('laporan-usaha-2026-11.csv');
      const text = await csv.text();
      expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
      expect(text).toContain(IN_GROUP_NIK);
      expect(text).toContain('Modal habis');
      expect(text).toContain('Tidak ada modal');

      const mine = await (await facilitator.get('/dashboard/laporan-usaha/ekspor.csv?bulan=2026-11')).text();
      expect(mine).toContain(IN_GROUP_NIK);
      expect(mine).not.toContain(OTHER_GROUP_NIK);

      const xlsx = await facilitator.get('/dashboard/laporan-usaha/ekspor.xlsx?bulan=2026-11');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount).toBe(2);
      expect(sheet.getRow(2).getCell(2).value).toBe(IN_GROUP_NIK);
      expect(sheet.getRow(2).getCell(13).value).toBe(5_100_000);
      expect((await audits('staff.export.business-reports', f.users.facilitator)).map((row) => (row.details as { format: string }).format)).toEqual(['csv', 'xlsx']);
    });

    it('keeps auditors out of reports, and facilitators and auditors out of the UMK page', async () => {
      const auditor = await f.as('auditor');
      expect((await auditor.get('/dashboard/laporan-usaha')).status).toBe(403);
      expect((await auditor.get(`/dashboard/laporan-usaha/foto/${sitiNovember}/1/kecil`)).status).toBe(403);
      expect((await auditor.get('/dashboard/umk')).status).toBe(403);
      expect((await facilitator.get('/dashboard/umk')).status).toBe(403);
      await facilitator.get('/dashboard/laporan-usaha');
      expect((await facilitator.post('/dashboard/umk', { regency: 'Kota Serang', year: '2026', amount: '1' })).status).toBe(403);
    });

    it('lets an operator set a UMK, audited with the figure before and after; bad input changes nothing', async () => {
      const page = await operator.get('/dashboard/umk');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Rp4.665.927,94');
      const saved = await operator.post('/dashboard/umk', { regency: 'Kota Serang', year: '2026', amount: 'Rp4.700.000,50', source: 'Koreksi' });
      expect(saved.status).toBe(303);
      expect((await db.prisma.minimumWage.findUniqueOrThrow({ where: { regency_year: { regency: 'Kota Serang', year: 2026 } } })).amountSen).toBe(470_000_050n);
      const [entry] = await audits('staff.wage.change', f.users.operator);
      expect(entry?.details).toEqual({ regency: 'Kota Serang', year: 2026, beforeSen: '466592794', afterSen: '470000050' });

      await operator.get('/dashboard/umk');
      for (const form of [{ regency: 'Kota Serang', year: '2026', amount: '4,700,000.50' }, { regency: 'Kota Serang', year: '26', amount: '4.700.000' }, { regency: '', year: '2026', amount: '4.700.000' }]) {
        const refused = await operator.post('/dashboard/umk', form);
        expect(refused.status).toBe(400);
      }
      expect((await db.prisma.minimumWage.findUniqueOrThrow({ where: { regency_year: { regency: 'Kota Serang', year: 2026 } } })).amountSen).toBe(470_000_050n);
      expect(await db.prisma.auditLog.count({ where: { action: 'staff.wage.change' } })).toBe(1);
      // Back to the decree's figure for the other tests' sake.
      await db.prisma.minimumWage.update({ where: { regency_year: { regency: 'Kota Serang', year: 2026 } }, data: { amountSen: 466_592_794n } });
    });

    it("gives the chat's Rekap laporan per group: reported, not yet, still running and who is missing", async () => {
      const recap = await facilitatorReportRecap(db.prisma, f.users.facilitator, '2026-11');
      expect(recap).toEqual([
        { groupId: f.groupA, name: 'Group A', programCode: 'UEP', members: 2, reported: 1, notReported: 1, running: 1, missing: [{ recipientId: dewi, fullName: 'Dewi Contoh Lestari' }] },
      ]);
      const december = await facilitatorReportRecap(db.prisma, f.users.facilitator, '2026-12');
      expect(december[0]).toMatchObject({ reported: 0, notReported: 2, running: 0 });
      expect(await facilitatorReportRecap(db.prisma, f.users.auditor, '2026-11')).toEqual([]);
    });

    it("audits the chat's Rekap laporan with the facilitator's chat, for this month in WIB", async () => {
      // 30 November 18:00 UTC is already 1 December in WIB: nobody has reported for December.
      const recap = await db.prisma.$transaction((tx) => loadReportRecap(tx, { staffUserId: f.users.facilitator, channel: 'telegram', chatId: '555', now: new Date('2026-11-30T18:00:00Z') }));
      expect(recap.month).toEqual({ id: 'Desember 2026', en: 'December 2026' });
      expect(recap.groups[0]).toMatchObject({ reported: 0, notReported: 2 });
      const entry = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'staff.view.business-reports', channel: 'telegram', chatId: '555' } });
      expect(entry).toMatchObject({ staffUserId: f.users.facilitator, details: { month: '2026-12', groups: [f.groupA] } });
    });
  });
}
