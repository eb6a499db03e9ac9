import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../support/backends.js';
import { dashboardFixture, IN_GROUP_NIK, PASSWORD, type DashboardFixture } from './support/dashboard-fixture.js';

const SESSION = 'kpm_dashboard_session';

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`dashboard login and sessions on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;

    beforeEach(async () => {
      db = await backend.open();
      f = await dashboardFixture(db);
    }, 180_000);
    afterEach(async () => {
      await db?.dispose();
    });

    it('refuses a wrong password politely and opens no session', async () => {
      const client = f.client();
      const response = await client.login('operator', 'wrong password!');
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('Nama pengguna atau kata sandi salah');
      expect(client.cookie(SESSION)).toBeUndefined();
    });

    it('sets an HttpOnly, SameSite session cookie, Secure when PUBLIC_URL is https, and a new token at every login', async () => {
      const client = f.client();
      await client.get('/dashboard/masuk');
      const response = await client.post('/dashboard/masuk', { username: 'operator', password: PASSWORD });
      const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION}=`))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).not.toMatch(/Secure/i);
      const first = client.cookie(SESSION);
      await client.login('operator', PASSWORD);
      expect(client.cookie(SESSION)).not.toBe(first);

      const secure = await dashboardFixtureSecure();
      const s = secure.client();
      await s.get('/dashboard/masuk');
      const r = await s.post('/dashboard/masuk', { username: 'auditor', password: PASSWORD });
      expect(r.headers.getSetCookie().find((line) => line.startsWith(`${SESSION}=`))).toMatch(/; Secure/i);
    });

    async function dashboardFixtureSecure() {
      const { createDashboard } = await import('../../src/dashboard/create-dashboard.js');
      const { Hono } = await import('hono');
      const { DashboardClient } = await import('./support/dashboard-client.js');
      const app = new Hono();
      app.route('/dashboard', createDashboard({ prisma: db.prisma, publicUrl: 'https://dinsos.example.id' }));
      return { client: () => new DashboardClient(app) };
    }

    it('locks an account after 5 failures, even for the right password, and says so politely', async () => {
      const client = f.client();
      for (let i = 0; i < 5; i++) expect((await client.login('operator', `wrong ${i} password`)).status).toBe(401);
      const locked = await client.login('operator', PASSWORD);
      expect(locked.status).toBe(429);
      expect(await locked.text()).toContain('silakan tunggu 15 menit');
      // Other accounts are not locked by one account's failures.
      expect((await f.client().login('auditor', PASSWORD)).status).toBe(303);
      f.clock.advance(16 * 60_000);
      expect((await client.login('operator', PASSWORD)).status).toBe(303);
    });

    it('locks an address after 20 failures across accounts', async () => {
      const client = f.client();
      for (let i = 0; i < 20; i++) await client.login(`nobody${i}`, 'wrong password');
      expect((await client.login('admin', PASSWORD)).status).toBe(429);
    });

    it('refuses a disabled account at login and ends its open session', async () => {
      const client = await f.as('operator');
      await db.prisma.staffUser.update({ where: { id: f.users.operator }, data: { disabled: true } });
      const response = await client.get('/dashboard/penerima');
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/dashboard/masuk');
      expect((await f.client().login('operator', PASSWORD)).status).toBe(401);
    });

    it('ends a session after 30 idle minutes', async () => {
      const client = await f.as('operator');
      f.clock.advance(29 * 60_000);
      expect((await client.get('/dashboard/penerima')).status).toBe(200);
      f.clock.advance(29 * 60_000);
      expect((await client.get('/dashboard/penerima')).status).toBe(200);
      f.clock.advance(31 * 60_000);
      const expired = await client.get('/dashboard/penerima');
      expect(expired.status).toBe(303);
      expect(expired.headers.get('location')).toBe('/dashboard/masuk');
    });

    it('ends a session 12 hours after login however active it is', async () => {
      const client = await f.as('operator');
      for (let i = 0; i < 24; i++) {
        f.clock.advance(29 * 60_000);
        await client.get('/dashboard/penerima');
      }
      // 11 h 36 min in: still on.
      expect((await client.get('/dashboard/penerima')).status).toBe(200);
      f.clock.advance(25 * 60_000);
      expect((await client.get('/dashboard/penerima')).status).toBe(303);
    });

    it('refuses a state-changing request without the CSRF token, or with another session\'s', async () => {
      const client = await f.as('operator');
      const id = await f.recipientId(IN_GROUP_NIK);
      const missing = await client.post(`/dashboard/penerima/${id}/nik`, {}, null);
      expect(missing.status).toBe(403);
      expect(await missing.text()).not.toContain(IN_GROUP_NIK);
      const other = await f.as('admin');
      await other.get('/dashboard/penerima');
      const foreign = await client.post(`/dashboard/penerima/${id}/nik`, {}, other.csrfToken()!);
      expect(foreign.status).toBe(403);
      expect(await db.prisma.auditLog.count({ where: { action: 'staff.reveal.nik' } })).toBe(0);
    });

    it('refuses a login POST without the login form token', async () => {
      const client = f.client();
      const response = await client.post('/dashboard/masuk', { username: 'operator', password: PASSWORD }, null);
      expect(response.status).toBe(403);
      expect(client.cookie(SESSION)).toBeUndefined();
    });

    it('logs out on the server: the old cookie opens nothing afterwards', async () => {
      const client = await f.as('operator');
      await client.get('/dashboard/penerima');
      const token = client.cookie(SESSION)!;
      expect((await client.post('/dashboard/keluar')).headers.get('location')).toBe('/dashboard/masuk');
      const replay = f.client();
      replay.setCookie(SESSION, token);
      expect((await replay.get('/dashboard/penerima')).status).toBe(303);
    });

    it('sends a user with a one-time password to the change-password page first', async () => {
      await db.prisma.staffUser.update({ where: { id: f.users.operator }, data: { mustChangePassword: true } });
      const client = f.client();
      expect((await client.login('operator', PASSWORD)).headers.get('location')).toBe('/dashboard/kata-sandi');
      expect((await client.get('/dashboard/penerima')).headers.get('location')).toBe('/dashboard/kata-sandi');
      await client.get('/dashboard/kata-sandi');
      const changed = await client.post('/dashboard/kata-sandi', { current: PASSWORD, next: 'a new long passphrase', repeat: 'a new long passphrase' });
      expect(changed.status).toBe(303);
      expect((await client.get('/dashboard/penerima')).status).toBe(200);
      expect((await f.client().login('operator', 'a new long passphrase')).status).toBe(303);
    });

    it('audits a NIK reveal with the staff user as actor, and shows the full NIK only then', async () => {
      const client = await f.as('operator');
      const id = await f.recipientId(IN_GROUP_NIK);
      const page = await (await client.get(`/dashboard/penerima/${id}`)).text();
      expect(page).not.toContain(IN_GROUP_NIK);
      const revealed = await client.post(`/dashboard/penerima/${id}/nik`);
      expect(await revealed.text()).toContain(IN_GROUP_NIK);
      const entries = await db.prisma.auditLog.findMany({ where: { recipientId: id }, orderBy: { id: 'asc' } });
      expect(entries.map((e) => [e.action, e.staffUserId, e.channel, e.chatId])).toEqual([
        ['staff.view.recipient', f.users.operator, 'dashboard', 'operator'],
        ['staff.reveal.nik', f.users.operator, 'dashboard', 'operator'],
      ]);
    });

    it('sends the security headers', async () => {
      const response = await f.client().get('/dashboard/masuk');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('refuses a too-large form body with 413', async () => {
      const client = await f.as('operator');
      await client.get('/dashboard/penerima');
      const response = await client.post('/dashboard/kelompok', { name: 'x'.repeat(300_000) });
      expect(response.status).toBe(413);
    });
  });
}
