import { Hono } from 'hono';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard } from '../../../src/dashboard/create-dashboard.js';
import { createTranslator } from '../../../src/i18n/create-translator.js';
import { OutboxSender } from '../../../src/outbox/outbox-sender.js';
import { createProactive } from '../../../src/proactive/index.js';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { addKpm } from '../../proactive/fixtures.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { RecordingChannel } from '../../support/recording-channel.js';
import { dashboardFixture, PASSWORD } from '../support/dashboard-fixture.js';
import { browserSkipReason, launchChromium, newPage, screenshot } from './browser-session.js';

// An operator sends an announcement to a region in real Chromium: sees the reach and who is
// left out, sends, watches the progress, and cancels a second one while it runs. The outbox
// sender delivers to a recording channel at 4 messages a second, so progress is visible.
const REGION = 'Kabupaten Pandeglang';

let browser: Browser;
beforeAll(async () => {
  if (!browserSkipReason) browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

for (const backend of backends) {
  describe.skipIf(backend.skipReason ?? browserSkipReason)(`announcements in Chromium on ${backend.kind}`, () => {
    let db: TestDatabase;
    let server: RunningServer;
    let sender: OutboxSender;
    let base: string;
    const telegram = new RecordingChannel('telegram');

    beforeAll(async () => {
      db = await backend.open();
      await dashboardFixture(db);
      for (let i = 0; i < 12; i += 1) await addKpm(db, { regency: REGION, chats: [{ channel: 'telegram', chatId: `pdg-${i}` }] });
      await addKpm(db, { regency: REGION, chats: [{ channel: 'telegram', chatId: 'pdg-blocked', blocked: true }] });
      await addKpm(db, { regency: REGION });
      // No quiet hours: the test runs at any hour.
      const proactive = createProactive({ db, translate: createTranslator(), quietHours: { start: 0, end: 0 } });
      sender = new OutboxSender({ db, channels: [telegram], rateLimits: () => ({ perChatPerSecond: 1, perChatBurst: 1, globalPerSecond: 4 }), logger: pino({ level: 'silent' }), pollIntervalMs: 50 });
      sender.start();
      const app = new Hono();
      app.route('/dashboard', createDashboard({ prisma: db.prisma, proactive, wakeOutbox: () => sender.wake() }));
      server = await startServer(app, 0, '127.0.0.1');
      base = `http://127.0.0.1:${server.port}`;
    }, 180_000);
    afterAll(async () => {
      await sender?.stop();
      await server?.close();
      await db?.dispose();
    });

    it('creates an announcement to a region, sees the reach, sends, watches progress, cancels a second one', async () => {
      const { page, cspViolations } = await newPage(browser);
      await page.goto(`${base}/dashboard/masuk`);
      await page.getByLabel('Nama pengguna').fill('operator');
      await page.getByLabel('Kata sandi').fill(PASSWORD);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/masuk'), { timeout: 90_000 });

      await page.getByRole('link', { name: 'Pengumuman' }).click();
      await page.waitForURL(/\/dashboard\/pengumuman$/, { timeout: 90_000 });
      await page.getByLabel('Isi pesan').fill('Pertemuan kelompok hari Senin pukul 09.00 di balai desa.');
      await page.getByLabel('Kabupaten/kota').fill(REGION);
      await page.getByRole('button', { name: 'Lihat jangkauan' }).click();
      await page.waitForURL(/\/dashboard\/pengumuman\/\d+$/, { timeout: 90_000 });
      expect(await page.getByTestId('reach').textContent()).toBe('12');
      const leftOut = await page.getByTestId('left-out').textContent();
      expect(leftOut).toContain('Memblokir bot: 1');
      expect(leftOut).toContain('Belum pernah chat dengan bot: 1');
      await screenshot(page, `broadcast-preview-${backend.kind}`);

      await page.getByRole('button', { name: 'Kirim ke 12 KPM' }).click();
      await page.waitForURL(/\/dashboard\/pengumuman\/\d+$/, { timeout: 90_000 });
      expect(await page.getByTestId('broadcast-status').textContent()).toBe('Dikirim');
      // htmx refreshes the progress until every message is out.
      await expect.poll(async () => page.getByTestId('count-sent').textContent(), { timeout: 60_000 }).toBe('12');
      expect(await page.getByTestId('count-queued').textContent()).toBe('0');
      expect(await page.getByTestId('skipped-blocked').textContent()).toBe('1');
      await screenshot(page, `broadcast-progress-${backend.kind}`);
      expect(telegram.sent.filter((entry) => entry.chatId.startsWith('pdg-'))).toHaveLength(12);

      // A second one: sent, then cancelled while it runs.
      await page.goto(`${base}/dashboard/pengumuman`);
      await page.getByLabel('Isi pesan').fill('Pengumuman kedua.');
      await page.getByLabel('Kabupaten/kota').fill(REGION);
      await page.getByRole('button', { name: 'Lihat jangkauan' }).click();
      await page.waitForURL(/\/dashboard\/pengumuman\/\d+$/, { timeout: 90_000 });
      await page.getByRole('button', { name: 'Kirim ke 12 KPM' }).click();
      await page.waitForURL(/\/dashboard\/pengumuman\/\d+$/, { timeout: 90_000 });
      await page.getByRole('button', { name: 'Batalkan pengumuman' }).click();
      await page.waitForURL(/\/dashboard\/pengumuman\/\d+$/, { timeout: 90_000 });
      expect(await page.getByTestId('broadcast-status').textContent()).toBe('Dibatalkan');
      const cancelled = Number(await page.getByTestId('skipped-cancelled').textContent());
      const sentBefore = Number(await page.getByTestId('count-sent').textContent());
      expect(cancelled).toBeGreaterThan(0);
      expect(cancelled + sentBefore).toBeLessThanOrEqual(12);
      await screenshot(page, `broadcast-cancelled-${backend.kind}`);
      // Nothing cancelled goes out afterwards.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const second = telegram.sent.filter((entry) => entry.content.kind === 'text' && entry.content.text === 'Pengumuman kedua.');
      expect(second.length).toBeLessThanOrEqual(12 - cancelled);
      expect(cspViolations).toEqual([]);
      await page.context().close();
    }, 300_000);
  });
}
