import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { backends, type TestDatabase } from '../support/backends.js';
import { dashboardFixture, IN_GROUP_NIK, OTHER_GROUP_NIK, type DashboardFixture } from './support/dashboard-fixture.js';

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`dashboard pages on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;

    beforeAll(async () => {
      db = await backend.open();
      f = await dashboardFixture(db);
    }, 180_000);
    afterAll(async () => {
      await db?.dispose();
    });

    it('changes a stage from the detail page, audited with the staff actor, and refuses a future date', async () => {
      const operator = await f.as('operator');
      const id = await f.recipientId(IN_GROUP_NIK);
      await operator.get(`/dashboard/penerima/${id}`);
      const saved = await operator.post(`/dashboard/penerima/${id}/tahap`, { programStage: 'UEP|dicairkan', date: '2026-02-01', amount: 'Rp2.500.000', channel: 'BRI', place: 'KC Serang', note: '' });
      expect(saved.status).toBe(303);
      const event = await db.prisma.stageEvent.findFirstOrThrow({ where: { recipientId: id, stageCode: 'dicairkan' } });
      expect(event.amount).toBe(2_500_000n);
      const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'staff.stage.change' } });
      expect([audit.recipientId, audit.staffUserId]).toEqual([id, f.users.operator]);

      await operator.get(`/dashboard/penerima/${id}`);
      const refused = await operator.post(`/dashboard/penerima/${id}/tahap`, { programStage: 'UEP|terdaftar', date: '2099-01-01', amount: '', channel: '', place: '', note: '' });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('Tanggal');
    });

    it('imports an uploaded CSV with good and bad rows and shows the report, audited', async () => {
      const operator = await f.as('operator');
      await operator.get('/dashboard/impor');
      const csv = 'nik,nama,no_kk,telepon,kabupaten_kota,kecamatan,desa\n3673035203789001,Siti Contoh Rahayu,,,Kota Serang,Taktakan,Sukacontoh\n123,Bad Row,,,Kota Serang,Taktakan,Sukacontoh\n';
      const form = new FormData();
      form.set('_csrf', operator.csrfToken()!);
      form.set('kind', 'recipients');
      form.set('file', new File([csv], 'penerima.csv', { type: 'text/csv' }));
      const response = await operator.send('/dashboard/impor', { method: 'POST', body: form });
      expect(response.status).toBe(303);
      const jobPage = response.headers.get('location')!;
      expect(jobPage).toMatch(/^\/dashboard\/impor\/\d+$/);
      await f.importJobs.settled();
      const html = await (await operator.get(jobPage)).text();
      expect(html).toMatch(/data-testid="read">2</);
      expect(html).toMatch(/data-testid="rejected">1</);
      expect(html).toContain('<td>3</td>');
      const audit = await db.prisma.auditLog.findMany({ where: { action: 'staff.import', staffUserId: f.users.operator } });
      expect(audit.map((entry) => entry.details)).toEqual([{ kind: 'recipients', job: Number(jobPage.split('/').at(-1)), bytes: Buffer.byteLength(csv) }]);
    });

    it("exports only a facilitator's KPM, as XLSX", async () => {
      const facilitator = await f.as('facilitator');
      const response = await facilitator.get('/dashboard/ekspor/penerima.xlsx');
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String);
      expect(cells).toContain(IN_GROUP_NIK);
      expect(cells).not.toContain(OTHER_GROUP_NIK);
      expect(await db.prisma.auditLog.count({ where: { action: 'staff.export', staffUserId: f.users.facilitator } })).toBe(1);
    });

    it('shows the overview charts as inline SVG', async () => {
      const auditor = await f.as('auditor');
      const html = await (await auditor.get('/dashboard/ringkasan')).text();
      expect(html).toContain('<svg');
      expect(html).not.toContain(IN_GROUP_NIK);
    });

    it('exports the audit log as CSV, filtered by KPM', async () => {
      const operator = await f.as('operator');
      await operator.get(`/dashboard/penerima/${await f.recipientId(IN_GROUP_NIK)}`);
      const auditor = await f.as('auditor');
      const csv = await (await auditor.get(`/dashboard/audit/ekspor.csv?kpm=${IN_GROUP_NIK}`)).text();
      expect(csv.split('\r\n')[0]).toBe('id,at,action,channel,chat,staff,recipient_id');
      expect(csv).toContain('staff.view.recipient');
      expect(csv).not.toContain('staff.login');
    });
  });
}
