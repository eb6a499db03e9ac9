import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashLinkCode } from '../../../src/facilitators/link-codes.js';
import { installationSecret } from '../../../src/storage/app-secret.js';
import { startServer, type RunningServer } from '../../../src/server/start-server.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { dashboardFixture, PASSWORD, type DashboardFixture } from '../support/dashboard-fixture.js';
import { browserSkipReason, launchChromium, newPage, screenshot } from './browser-session.js';

// The Jadwal page in real Chromium against a real HTTP server: a facilitator gets a link code,
// plans a session for their group, follows the answers and marks attendance; an operator moves
// the session and then cancels it. The dashboard's clock stands at 20 November 2026, 10.00 WIB.

let browser: Browser;
beforeAll(async () => {
  if (!browserSkipReason) browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

for (const backend of backends) {
  describe.skipIf(backend.skipReason ?? browserSkipReason)(`Jadwal in Chromium on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;
    let server: RunningServer;
    let base: string;
    let sessionPath: string;
    const shot = (page: Page, name: string) => (backend.kind === 'pglite' ? screenshot(page, name) : Promise.resolve());

    beforeAll(async () => {
      db = await backend.open();
      f = await dashboardFixture(db);
      server = await startServer(f.app, 0, '127.0.0.1');
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

    const counts = (page: Page) => page.locator('[data-counts]').getAttribute('data-counts');

    it('a facilitator sees a link code, plans a session for their group, follows the answers and marks attendance', async () => {
      const { page, cspViolations } = await newPage(browser);
      await logIn(page, 'facilitator');
      await page.getByRole('link', { name: 'Jadwal', exact: true }).click();
      await page.waitForURL(/\/dashboard\/jadwal$/, { timeout: 90_000 });

      // The link code: shown once, to type in the chat; kept only as a keyed hash.
      expect(await page.locator('[data-link-code]').count()).toBe(0);
      await page.getByRole('button', { name: 'Minta kode baru' }).click();
      const codeText = page.locator('[data-link-code]');
      await codeText.waitFor();
      const code = await codeText.getAttribute('data-link-code');
      expect(code).toMatch(/^\d{6}$/);
      expect(await codeText.textContent()).toContain(`DAFTAR ${code}`);
      const secret = await installationSecret(db, 'facilitator-link-secret');
      expect((await db.prisma.facilitatorLinkCode.findFirstOrThrow({ where: { staffUserId: f.users.facilitator } })).codeHash).toBe(hashLinkCode(secret, code!));
      await shot(page, '30-sessions-link-code');

      // Only their own group is offered.
      await page.goto(`${base}/dashboard/jadwal`);
      expect(await page.getByRole('checkbox', { name: 'Group A' }).count()).toBe(1);
      expect(await page.getByRole('checkbox', { name: 'Group B' }).count()).toBe(0);
      await page.getByLabel('Judul').fill('Bimtek pemasaran');
      await page.getByLabel('Tanggal').fill('2026-11-25');
      await page.getByLabel('Jam (waktu setempat kelompok)').fill('10:00');
      await page.getByLabel('Tempat atau tautan').fill('Balai Desa Sukacontoh');
      await page.getByRole('checkbox', { name: 'Group A' }).check();
      await page.getByRole('button', { name: 'Simpan dan kirim undangan' }).click();
      await page.waitForURL(/\/dashboard\/jadwal\/\d+$/, { timeout: 90_000 });
      sessionPath = new URL(page.url()).pathname;
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Bimtek pemasaran');
      expect(await page.locator('dl').textContent()).toContain('2026-11-25 10.00 WIB');
      expect(await counts(page)).toBe('1/0/0/0');
      expect(await page.locator('.counts').textContent()).toContain('Diundang 1, menjawab 0, akan hadir 0, hadir 0');
      const session = await db.prisma.mentoringSession.findFirstOrThrow({ where: { title: 'Bimtek pemasaran' } });
      expect(session.startsAt.toISOString()).toBe('2026-11-25T03:00:00.000Z');

      // The KPM answers Hadir in the chat (recorded by the bot); the page shows it on reload.
      await db.prisma.sessionInvitation.updateMany({ where: { sessionId: session.id }, data: { rsvp: 'coming', rsvpAt: f.clock.now } });
      await page.reload();
      expect(await counts(page)).toBe('1/1/1/0');
      const row = page.locator('tr', { hasText: 'Siti Contoh Rahayu' });
      expect(await row.textContent()).toContain('Akan hadir');
      expect(await row.getByRole('checkbox', { name: 'hadir' }).isChecked()).toBe(false);

      // After the meeting: marks her present.
      await row.getByRole('checkbox', { name: 'hadir' }).check();
      await page.getByRole('button', { name: 'Simpan kehadiran' }).click();
      await page.waitForURL(new RegExp(`${sessionPath}$`), { timeout: 90_000 });
      await expect.poll(() => counts(page)).toBe('1/1/1/1');
      expect(await page.locator('tr', { hasText: 'Siti Contoh Rahayu' }).getByRole('checkbox').isChecked()).toBe(true);
      await shot(page, '31-session-detail');

      // The list shows the same counts.
      await page.getByRole('link', { name: '« Kembali ke daftar jadwal' }).click();
      await page.waitForURL(/\/dashboard\/jadwal$/, { timeout: 90_000 });
      const listed = page.locator('tr', { hasText: 'Bimtek pemasaran' });
      expect((await listed.locator('td').allTextContents()).slice(2)).toEqual(['Group A', '1', '1', '1', '1']);
      expect(cspViolations).toEqual([]);
      await page.context().close();
    });

    it('an operator reschedules the session (not into the past) and cancels it', async () => {
      const { page, cspViolations } = await newPage(browser);
      await logIn(page, 'operator');
      await page.goto(`${base}/dashboard/jadwal`);
      // An operator has no link code of their own, and sees every group's sessions.
      expect(await page.getByRole('button', { name: 'Minta kode baru' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Bimtek pemasaran' }).click();
      await page.waitForURL(new RegExp(`${sessionPath}$`), { timeout: 90_000 });

      // A time already past is refused with a message; nothing changes.
      await page.getByLabel('Tanggal').fill('2026-11-19');
      await page.getByLabel('Jam (waktu setempat kelompok)').fill('10:00');
      await page.getByRole('button', { name: 'Pindahkan dan beri tahu yang diundang' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('sudah lewat');
      expect((await db.prisma.mentoringSession.findFirstOrThrow({ where: { title: 'Bimtek pemasaran' } })).revision).toBe(1);

      await page.goto(`${base}${sessionPath}`);
      await page.getByLabel('Tanggal').fill('2026-11-26');
      await page.getByLabel('Jam (waktu setempat kelompok)').fill('13:30');
      await page.getByRole('button', { name: 'Pindahkan dan beri tahu yang diundang' }).click();
      await page.waitForURL(new RegExp(`${sessionPath}$`), { timeout: 90_000 });
      await expect.poll(async () => page.locator('dl').textContent()).toContain('2026-11-26 13.30 WIB');
      const moved = await db.prisma.mentoringSession.findFirstOrThrow({ where: { title: 'Bimtek pemasaran' } });
      expect(moved.revision).toBe(2);
      expect(moved.startsAt.toISOString()).toBe('2026-11-26T06:30:00.000Z');
      await shot(page, '32-session-rescheduled');

      await page.getByRole('button', { name: 'Batalkan dan beri tahu yang diundang' }).click();
      await page.waitForURL(new RegExp(`${sessionPath}$`), { timeout: 90_000 });
      await expect.poll(async () => page.locator('dl').textContent()).toContain('(dibatalkan)');
      // A cancelled session can be neither moved nor cancelled again.
      expect(await page.getByRole('button', { name: 'Pindahkan dan beri tahu yang diundang' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Batalkan dan beri tahu yang diundang' }).count()).toBe(0);
      expect((await db.prisma.mentoringSession.findUniqueOrThrow({ where: { id: moved.id } })).status).toBe('cancelled');
      const kinds = (await db.prisma.sessionNotice.findMany({ where: { sessionId: moved.id }, orderBy: { id: 'asc' } })).map((n) => n.kind);
      expect(kinds).toContain('rescheduled');
      expect(kinds).toContain('cancelled');

      await page.goto(`${base}/dashboard/jadwal`);
      expect(await page.locator('tr', { hasText: 'Bimtek pemasaran' }).locator('td').first().textContent()).toContain('(dibatalkan)');
      expect(cspViolations).toEqual([]);
      await page.context().close();
    });
  });
}
