import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDashboard } from '../../../src/dashboard/create-dashboard.js';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { dashboardFixture, IN_GROUP_NIK, OTHER_GROUP_NIK, PASSWORD, type DashboardFixture } from '../support/dashboard-fixture.js';
import { importGate } from '../support/import-gate.js';
import { browserSkipReason, launchChromium, newPage, screenshot } from './browser-session.js';

// The dashboard in real Chromium (Debian's package, driven by playwright-core) against a real
// HTTP server on a free loopback port, on each storage backend.

let browser: Browser;
beforeAll(async () => {
  if (!browserSkipReason) browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

for (const backend of backends) {
  describe.skipIf(backend.skipReason ?? browserSkipReason)(`dashboard in Chromium on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;
    let server: RunningServer;
    let base: string;
    // Uploads are written one row per batch; a held gate stops a job half-way (progress test).
    let hold = importGate(false);
    const shot = (page: Page, name: string) => (backend.kind === 'pglite' ? screenshot(page, name) : Promise.resolve());

    beforeAll(async () => {
      db = await backend.open();
      f = await dashboardFixture(db);
      const app = new Hono();
      app.route('/dashboard', createDashboard({ prisma: db.prisma, importJobs: { batchSize: 1, afterBatch: (_job, progress) => hold.wait(progress) } }));
      server = await startServer(app, 0, '127.0.0.1');
      base = `http://127.0.0.1:${server.port}`;
    }, 180_000);
    afterAll(async () => {
      hold.open();
      await server?.close();
      await db?.dispose();
    });

    async function logIn(page: Page, username: string, password: string): Promise<void> {
      await page.goto(`${base}/dashboard/masuk`);
      await page.getByLabel('Nama pengguna').fill(username);
      await page.getByLabel('Kata sandi').fill(password);
      await page.getByRole('button', { name: 'Masuk' }).click();
      // Success leaves the login page; a refusal comes back to it with an alert.
      if (password === PASSWORD) await page.waitForURL((url) => !url.pathname.endsWith('/masuk'), { timeout: 90_000 });
      else await page.getByRole('alert').waitFor({ timeout: 90_000 });
    }

    it('refuses a wrong password, then logs in', async () => {
      const { page, cspViolations } = await newPage(browser);
      await logIn(page, 'operator', 'not the password');
      await page.getByRole('alert').waitFor();
      expect((await page.getByRole('alert').textContent())?.trim()).toBe('Nama pengguna atau kata sandi salah.');
      await shot(page, '01-login-wrong-password');
      await logIn(page, 'operator', PASSWORD);
      await page.waitForURL(/\/dashboard\/ringkasan$/, { timeout: 90_000 });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ringkasan');
      await shot(page, '02-overview');
      expect(cspViolations).toEqual([]);
      await page.context().close();
    });

    it('searches, opens a KPM, reveals the NIK, and the admin finds that in the audit log', async () => {
      const { page, cspViolations } = await newPage(browser);
      await logIn(page, 'operator', PASSWORD);
      await page.goto(`${base}/dashboard/penerima`);
      await page.getByLabel('Nama atau NIK').fill('siti');
      await page.getByRole('button', { name: 'Cari' }).click();
      await page.waitForURL(/q=siti/, { timeout: 90_000 });
      await shot(page, '03-recipients-search');
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).not.toContain(IN_GROUP_NIK); // masked in lists
      await rows.first().getByRole('link').click();
      await page.waitForURL(/\/dashboard\/penerima\/\d+$/, { timeout: 90_000 });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Siti Contoh Rahayu');
      expect(await page.getByTestId('nik').textContent()).toBe('3673**********01');
      await page.getByRole('button', { name: 'Tampilkan NIK lengkap' }).click();
      await page.getByText('(tercatat di log audit)').waitFor({ timeout: 90_000 });
      expect((await page.getByTestId('nik').textContent())?.trim()).toBe(IN_GROUP_NIK);
      await shot(page, '04-recipient-detail-revealed');
      expect(cspViolations).toEqual([]);
      await page.context().close();

      const admin = (await newPage(browser)).page;
      await logIn(admin, 'admin', PASSWORD);
      await admin.goto(`${base}/dashboard/audit?kpm=${IN_GROUP_NIK}&aksi=staff.reveal.nik`);
      const entries = admin.locator('tbody tr');
      expect(await entries.count()).toBe(1);
      const entry = await entries.first().textContent();
      expect(entry).toContain('Staf menampilkan NIK lengkap');
      expect(entry).toContain('operator');
      await shot(admin, '05-audit');
      await admin.context().close();
    });

    it('uploads a CSV with good and bad rows and shows the report', async () => {
      const { page } = await newPage(browser);
      await logIn(page, 'operator', PASSWORD);
      await page.goto(`${base}/dashboard/impor`);
      const csv = [
        'nik,nama,no_kk,telepon,kabupaten_kota,kecamatan,desa',
        '3673030507759002,Ahmad Fiktif Hidayat,,,Kota Serang,Taktakan,Sukacontoh',
        '3673,Baris Salah,,,Kota Serang,Taktakan,Sukacontoh',
        '3673050202709004,Dedi Fiktif Supriadi,,0812-0000-0004,Kota Serang,Kasemen,Tegalcontoh',
      ].join('\n');
      await page.getByLabel('Jenis data').selectOption('recipients');
      await page.getByLabel('Berkas (CSV atau XLSX)').setInputFiles({ name: 'penerima.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Impor' }).click();
      await page.getByTestId('import-report').waitFor({ timeout: 90_000 });
      expect((await page.getByTestId('read').textContent())?.trim()).toBe('3');
      expect((await page.getByTestId('created').textContent())?.trim()).toBe('2');
      expect((await page.getByTestId('rejected').textContent())?.trim()).toBe('1');
      expect(await page.getByTestId('import-report').textContent()).toMatch(/3.*NIK/);
      await shot(page, '06-import-report');
      await page.context().close();
    });

    it('finds KPM by a word or part of a word anywhere in the name or the village', async () => {
      const { page, cspViolations } = await newPage(browser);
      await logIn(page, 'operator', PASSWORD);
      await page.goto(`${base}/dashboard/penerima`);
      const listed = () => page.locator('tbody tr td:nth-child(2)').allTextContents();
      await page.getByLabel('Nama atau NIK').fill('ahayu');
      await page.getByRole('button', { name: 'Cari' }).click();
      await page.waitForURL(/q=ahayu/, { timeout: 90_000 });
      expect(await listed()).toEqual(['S*** C***** R*****']);
      await page.getByLabel('Nama atau NIK').fill('contoh');
      await page.getByRole('button', { name: 'Cari' }).click();
      await page.waitForURL(/q=contoh/, { timeout: 90_000 });
      expect((await listed()).sort()).toEqual(['I*** C***** M******', 'S*** C***** R*****']);
      await shot(page, '03b-recipients-word-search');
      await page.getByLabel('Nama atau NIK').fill('');
      await page.getByLabel('Desa/kelurahan').fill('fiktif');
      await page.getByRole('button', { name: 'Cari' }).click();
      await page.waitForURL(/desa=fiktif/, { timeout: 90_000 });
      expect(await listed()).toEqual(['I*** C***** M******']);
      expect(cspViolations).toEqual([]);
      await page.context().close();
    });

    it("shows an upload's progress while it runs (htmx polling, no inline script), then the report", async () => {
      hold = importGate();
      const { page, cspViolations } = await newPage(browser);
      await logIn(page, 'operator', PASSWORD);
      await page.goto(`${base}/dashboard/impor`);
      const csv = [
        'nik,nama,no_kk,telepon,kabupaten_kota,kecamatan,desa',
        '3673055505859006,Euis Fiktif Kurniasih,,,Kota Serang,Kasemen,Tegalcontoh',
        '3673,Baris Salah,,,Kota Serang,Taktakan,Sukacontoh',
        '3673051008809008,Agus Fiktif Setiawan,,,Kota Serang,Kasemen,Tegalcontoh',
        '3673054112889010,Rina Fiktif Maryati,,,Kota Serang,Kasemen,Tegalcontoh',
      ].join('\n');
      await page.getByLabel('Jenis data').selectOption('recipients');
      await page.getByLabel('Berkas (CSV atau XLSX)').setInputFiles({ name: 'penerima-besar.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Impor' }).click();
      await page.waitForURL(/\/dashboard\/impor\/\d+$/, { timeout: 90_000 });
      await hold.reached;
      // The job waits after its first row: the page (first drawn earlier, then polled) shows how far it got.
      await page.getByTestId('import-progress').waitFor({ timeout: 90_000 });
      await page.getByTestId('progress-done').getByText('2', { exact: true }).waitFor({ timeout: 90_000 });
      expect((await page.getByTestId('progress-read').textContent())?.trim()).toBe('4');
      expect((await page.getByTestId('progress-done').textContent())?.trim()).toBe('2');
      expect((await page.getByTestId('progress-accepted').textContent())?.trim()).toBe('1');
      expect((await page.getByTestId('progress-rejected').textContent())?.trim()).toBe('1');
      await shot(page, '06a-import-progress');
      // Let it finish: htmx's next poll swaps the report in, without a reload.
      const url = page.url();
      hold.open();
      await page.getByTestId('import-report').waitFor({ timeout: 90_000 });
      expect(page.url()).toBe(url);
      expect((await page.getByTestId('read').textContent())?.trim()).toBe('4');
      expect((await page.getByTestId('created').textContent())?.trim()).toBe('3');
      expect((await page.getByTestId('rejected').textContent())?.trim()).toBe('1');
      expect(await page.getByTestId('import-progress').count()).toBe(0);
      await shot(page, '06b-import-done');
      await page.goto(`${base}/dashboard/impor`);
      expect(await page.getByTestId('recent-imports').textContent()).toContain('penerima-besar.csv');
      expect(cspViolations).toEqual([]);
      await page.context().close();
    });

    it("shows a facilitator only their group's KPM, and 404 for another's URL", async () => {
      const { page } = await newPage(browser);
      await logIn(page, 'facilitator', PASSWORD);
      await page.waitForURL(/\/dashboard\/penerima$/, { timeout: 90_000 });
      const links = await page.locator('tbody tr a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual([`/dashboard/penerima/${await f.recipientId(IN_GROUP_NIK)}`]);
      await shot(page, '07-facilitator-list');
      const response = await page.goto(`${base}/dashboard/penerima/${await f.recipientId(OTHER_GROUP_NIK)}`);
      expect(response?.status()).toBe(404);
      expect(await page.content()).not.toContain(OTHER_GROUP_NIK);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tidak ditemukan');
      // The navigation offers only what the role may use.
      expect(await page.locator('header nav a').allTextContents()).toEqual(['Penerima', 'Pengumuman', 'Jadwal', 'Pengingat', 'Laporan usaha', 'Ekspor']);
      await page.context().close();
    });

    it('logs out: back to the login page, and the pages are closed again', async () => {
      const { page } = await newPage(browser);
      await logIn(page, 'admin', PASSWORD);
      await page.goto(`${base}/dashboard/pengguna`);
      await shot(page, '08-users');
      await page.goto(`${base}/dashboard/kelompok/${f.groupA}`);
      await shot(page, '09-group');
      await page.getByRole('button', { name: 'Keluar', exact: true }).click();
      await page.waitForURL(/\/dashboard\/masuk$/, { timeout: 90_000 });
      await page.goto(`${base}/dashboard/penerima`);
      expect(page.url()).toMatch(/\/dashboard\/masuk$/);
      await page.context().close();
    });
  });
}
