import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard } from '../../../src/dashboard/create-dashboard.js';
import type { MediaStore } from '../../../src/media/media-store.js';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { dashboardFixture, IN_GROUP_NIK, OTHER_GROUP_NIK, PASSWORD, type DashboardFixture } from '../support/dashboard-fixture.js';
import { browserSkipReason, launchChromium, newPage, screenshot } from './browser-session.js';

// Laporan usaha in real Chromium against a real HTTP server: a facilitator follows their group's
// reports to a KPM's chart and photo and downloads the export; an operator corrects a UMK.

let browser: Browser;
beforeAll(async () => {
  if (!browserSkipReason) browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

for (const backend of backends) {
  describe.skipIf(backend.skipReason ?? browserSkipReason)(`Laporan usaha in Chromium on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;
    let server: RunningServer;
    let base: string;
    const shot = (page: Page, name: string) => (backend.kind === 'pglite' ? screenshot(page, name) : Promise.resolve());

    beforeAll(async () => {
      db = await backend.open();
      // A real (tiny) JPEG as the thumbnail and the photo, so the browser must decode it.
      const jpeg = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#2f6f9f' } }).jpeg().toBuffer();
      const media: MediaStore = { put: () => Promise.reject(new Error('read-only')), get: async (ref) => (ref.startsWith('local:') ? { bytes: jpeg, mimeType: 'image/jpeg' } : null) };
      f = await dashboardFixture(db, { mediaStore: media });
      const siti = await f.recipientId(IN_GROUP_NIK);
      await db.prisma.minimumWage.create({ data: { regency: 'Kota Serang', year: 2026, amountSen: 466_592_794n, source: 'Kepgub Banten No. 703 Tahun 2025' } });
      for (const [month, sales, profit] of [['2026-09', 9_000_000n, 4_700_000n], ['2026-10', 9_500_000n, 4_800_000n], ['2026-11', 10_000_000n, 5_100_000n]] as const) {
        await db.prisma.businessReport.create({
          data: {
            reference: `LU-B${month.slice(5)}`, recipientId: siti, programCode: 'UEP', period: new Date(`${month}-01T00:00:00Z`), businessStatus: 'running',
            salesAmount: sales, profitAmount: profit, channel: 'telegram', submittedAt: new Date(`${month}-05T03:00:00Z`), problems: month === '2026-11' ? 'Butuh etalase baru' : null,
            ...(month === '2026-11' ? { photos: { create: [{ position: 1, mediaKey: 'local:full', thumbnailKey: 'local:thumb', mimeType: 'image/jpeg', width: 8, height: 6, byteSize: jpeg.length }] } } : {}),
          },
        });
      }
      await db.prisma.businessReport.create({
        data: { reference: 'LU-IMAS', recipientId: await f.recipientId(OTHER_GROUP_NIK), programCode: 'PROKUS', period: new Date('2026-11-01T00:00:00Z'), businessStatus: 'stopped', channel: 'whatsapp', submittedAt: new Date('2026-11-04T03:00:00Z') },
      });
      const app = new Hono();
      app.route('/dashboard', createDashboard({ prisma: db.prisma, mediaStore: media, now: () => f.clock.now }));
      server = await startServer(app, 0, '127.0.0.1');
      base = `http://127.0.0.1:${server.port}`;
    }, 180_000);
    afterAll(async () => {
      await server?.close();
      await db?.dispose();
    });

    async function logIn(page: Page, username: string): Promise<void> {
      await page.goto(`${base}/dashboard/masuk`);
      await page.getByLabel('Nama pengguna').fill(username);
      await page.getByLabel('Kata sandi').fill(PASSWORD);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/masuk'), { timeout: 90_000 });
    }

    it("a facilitator follows the month's reports to a KPM's chart and photo, and to the group", async () => {
      const { page, cspViolations } = await newPage(browser);
      await logIn(page, 'facilitator');
      await page.getByRole('link', { name: 'Laporan usaha' }).click();
      await page.waitForURL(/\/dashboard\/laporan-usaha$/, { timeout: 90_000 });
      await page.getByLabel('Bulan').selectOption('2026-10');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await page.waitForURL(/bulan=2026-10/, { timeout: 90_000 });
      await page.getByLabel('Bulan').selectOption('2026-11');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await page.waitForURL(/bulan=2026-11/, { timeout: 90_000 });
      await shot(page, '20-business-reports');
      const rows = page.locator('#laporan tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('Calon graduasi');
      expect(await page.locator('#laporan').textContent()).not.toContain('Imas');

      await rows.first().getByRole('link').click();
      await page.waitForURL(/\/laporan-usaha\/penerima\/\d+$/, { timeout: 90_000 });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Laporan usaha: Siti Contoh Rahayu');
      await expect.poll(() => page.locator('svg.chart').count()).toBe(1);
      expect(await page.locator('svg.chart circle').count()).toBe(6);
      expect(await page.getByText('Butuh etalase baru').count()).toBe(1);
      const thumbnail = page.locator('td.photos img');
      await expect.poll(() => thumbnail.evaluate((node) => { const img = node as unknown as { complete: boolean; naturalWidth: number }; return img.complete && img.naturalWidth; })).toBe(8);
      await shot(page, '21-business-report-kpm');

      await page.getByRole('link', { name: 'Group A' }).click();
      await page.waitForURL(/\/laporan-usaha\/kelompok\/\d+/, { timeout: 90_000 });
      expect(await page.locator('#total-kelompok').textContent()).toContain('1 dari 1 (100%)');
      await shot(page, '22-business-report-group');
      expect(cspViolations).toEqual([]);
      await page.context().close();
    });

    it('downloads the filtered month as CSV and XLSX', async () => {
      const { page } = await newPage(browser);
      await logIn(page, 'facilitator');
      await page.goto(`${base}/dashboard/laporan-usaha?bulan=2026-11`);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh CSV' }).click()]);
      expect(csv.suggestedFilename()).toBe('laporan-usaha-2026-11.csv');
      const text = await readFile((await csv.path())!, 'utf8');
      expect(text).toContain(IN_GROUP_NIK);
      expect(text).not.toContain(OTHER_GROUP_NIK);
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh Excel (.xlsx)' }).click()]);
      expect(xlsx.suggestedFilename()).toBe('laporan-usaha-2026-11.xlsx');
      expect((await readFile((await xlsx.path())!)).subarray(0, 2).toString()).toBe('PK');
      await page.context().close();
    });

    it('an operator corrects a UMK on its page', async () => {
      const { page, cspViolations } = await newPage(browser);
      await logIn(page, 'operator');
      await page.getByRole('link', { name: 'UMK' }).click();
      await page.waitForURL(/\/dashboard\/umk$/, { timeout: 90_000 });
      await page.getByLabel('Kabupaten/Kota').fill('Kota Serang');
      await page.getByLabel('Tahun').fill('2027');
      await page.getByLabel('UMK per bulan (Rp)').fill('Rp4.900.000');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.waitForURL(/tersimpan=1/, { timeout: 90_000 });
      expect(await page.getByRole('status').textContent()).toBe('UMK tersimpan.');
      expect(await page.locator('#umk').textContent()).toContain('Rp4.900.000');
      await shot(page, '23-umk');
      expect(cspViolations).toEqual([]);
      await page.context().close();
    });
  });
}
