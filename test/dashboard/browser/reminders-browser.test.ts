import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { dashboardFixture, IN_GROUP_NIK, PASSWORD, type DashboardFixture } from '../support/dashboard-fixture.js';
import { browserSkipReason, launchChromium, newPage, screenshot } from './browser-session.js';

// An operator in real Chromium creates a weekly reminder rule and sees its next occurrence in
// local time, then schedules an announcement for later and cancels it before it starts. The
// server's clock is the fixture's: Friday 20 November 2026, 10:00 WIB.
let browser: Browser;
beforeAll(async () => {
  if (!browserSkipReason) browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

for (const backend of backends) {
  describe.skipIf(backend.skipReason ?? browserSkipReason)(`Pengingat and a scheduled Pengumuman in Chromium on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;
    let server: RunningServer;
    let base: string;
    const shot = (page: Page, name: string) => (backend.kind === 'pglite' ? screenshot(page, name) : Promise.resolve());

    beforeAll(async () => {
      db = await backend.open();
      f = await dashboardFixture(db);
      // Group A's member has talked to the bot, so the announcement reaches someone.
      await db.prisma.conversation.create({ data: { channel: 'telegram', chatId: 'siti', machineId: 'kpm-assistant', machineVersion: 2, recipientId: await f.recipientId(IN_GROUP_NIK) } });
      server = await startServer(f.app, 0, '127.0.0.1');
      base = `http://127.0.0.1:${server.port}`;
    }, 180_000);
    afterAll(async () => {
      await server?.close();
      await db?.dispose();
    });

    it('creates a weekly reminder and sees its next occurrence; schedules an announcement and cancels it before it starts', async () => {
      const { page, cspViolations } = await newPage(browser);
      await page.goto(`${base}/dashboard/masuk`);
      await page.getByLabel('Nama pengguna').fill('operator');
      await page.getByLabel('Kata sandi').fill(PASSWORD);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/masuk'), { timeout: 90_000 });

      await page.getByRole('link', { name: 'Pengingat', exact: true }).click();
      await page.waitForURL(/\/dashboard\/pengingat$/, { timeout: 90_000 });
      await page.getByLabel('Isi pesan').fill('Jangan lupa pertemuan kelompok.');
      await page.getByLabel('Jenis jadwal').selectOption('weekly');
      await page.getByLabel('Jam', { exact: true }).fill('09:00');
      await page.getByLabel('Selasa').check();
      await page.getByLabel('Jumat').check();
      await page.getByLabel('Group A').check();
      await page.getByRole('button', { name: 'Simpan pengingat' }).click();
      await page.waitForURL(/\/dashboard\/pengingat$/, { timeout: 90_000 });
      const rule = await db.prisma.reminderRule.findFirstOrThrow({ where: { ownerKind: 'staff' } });
      // Friday 10:00: today's 09:00 has passed, so the next is Tuesday.
      expect(await page.getByTestId(`rule-${rule.id}-next`).textContent()).toBe('2026-11-24 09.00 WIB');
      expect(await page.locator(`[data-rule="${rule.id}"]`).textContent()).toContain('Setiap Selasa, Jumat pukul 09.00 WIB');
      await shot(page, 'reminders-list');

      await page.getByRole('link', { name: 'Pengumuman', exact: true }).click();
      await page.waitForURL(/\/dashboard\/pengumuman$/, { timeout: 90_000 });
      await page.getByLabel('Isi pesan').fill('Pertemuan kelompok Rabu pagi.');
      await page.getByLabel('Group A').check();
      await page.getByLabel('Tanggal kirim').fill('2026-11-25');
      await page.getByLabel('Jam kirim').fill('09:00');
      await page.getByRole('button', { name: 'Lihat jangkauan' }).click();
      await page.waitForURL(/\/dashboard\/pengumuman\/\d+$/, { timeout: 90_000 });
      expect(await page.getByTestId('send-at').textContent()).toBe('2026-11-25 09.00 WIB');
      await page.getByRole('button', { name: 'Kirim ke 1 KPM' }).click();
      await page.waitForURL(/\/dashboard\/pengumuman\/\d+$/, { timeout: 90_000 });
      expect(await page.getByTestId('broadcast-status').textContent()).toBe('Terjadwal');
      await shot(page, 'broadcast-scheduled');
      const id = Number(/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]);
      await page.goto(`${base}/dashboard/pengumuman`);
      expect(await page.getByTestId(`broadcast-${id}-status`).textContent()).toBe('Terjadwal · 2026-11-25 09.00 WIB');

      await page.goto(`${base}/dashboard/pengumuman/${id}`);
      await page.getByRole('button', { name: 'Batalkan pengumuman' }).click();
      await page.waitForURL(/\/dashboard\/pengumuman\/\d+$/, { timeout: 90_000 });
      expect(await page.getByTestId('broadcast-status').textContent()).toBe('Dibatalkan');
      // Cancelled before its time: the scheduler never queues it, so nothing waits for Siti.
      expect(await db.prisma.outboundMessage.count({ where: { chatId: 'siti' } })).toBe(0);
      expect(cspViolations).toEqual([]);
      await page.context().close();
    }, 300_000);
  });
}
