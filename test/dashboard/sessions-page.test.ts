import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashLinkCode } from '../../src/facilitators/link-codes.js';
import { installationSecret } from '../../src/storage/app-secret.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { dashboardFixture, IN_GROUP_NIK, type DashboardFixture } from './support/dashboard-fixture.js';
import type { DashboardClient } from './support/dashboard-client.js';

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`the Jadwal page on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;
    let facilitator: DashboardClient;
    let sessionId: number;

    beforeAll(async () => {
      db = await backend.open();
      f = await dashboardFixture(db);
      facilitator = await f.as('facilitator');
    }, 180_000);
    afterAll(async () => {
      await db?.dispose();
    });

    it('shows a facilitator a one-time link code, stored only as a hash', async () => {
      expect((await facilitator.get('/dashboard/jadwal')).status).toBe(200);
      const page = await (await facilitator.post('/dashboard/jadwal/kode')).text();
      const code = /data-link-code="(\d{6})"/.exec(page)?.[1];
      expect(code).toBeDefined();
      expect(page).toContain(`DAFTAR ${code}`);
      const secret = await installationSecret(db, 'facilitator-link-secret');
      const stored = await db.prisma.facilitatorLinkCode.findFirstOrThrow({ where: { staffUserId: f.users.facilitator } });
      expect(stored.codeHash).toBe(hashLinkCode(secret, code!));
    });

    it('creates a session for their group in local time, and refuses another facilitator\'s group', async () => {
      await facilitator.get('/dashboard/jadwal');
      const refused = await facilitator.post('/dashboard/jadwal', { title: 'Bimtek', date: '2026-11-25', time: '10:00', place: 'Balai Desa', groupIds: String(f.groupB) });
      expect(refused.status).toBe(400);
      const created = await facilitator.post('/dashboard/jadwal', { title: 'Bimtek pemasaran', date: '2026-11-25', time: '10:00', place: 'Balai Desa', groupIds: String(f.groupA) });
      expect(created.status).toBe(303);
      sessionId = Number(/\/jadwal\/(\d+)$/.exec(created.headers.get('location') ?? '')?.[1]);
      const session = await db.prisma.mentoringSession.findUniqueOrThrow({ where: { id: sessionId } });
      expect(session.startsAt.toISOString()).toBe('2026-11-25T03:00:00.000Z'); // 10.00 WIB
      const detail = await (await facilitator.get(`/dashboard/jadwal/${sessionId}`)).text();
      expect(detail).toContain('data-counts="1/0/0/0"');
      expect(detail).toContain('Siti Contoh Rahayu');
    });

    it('shows answers, marks attendance, exports, and keeps the KPM\'s history on their page', async () => {
      await db.prisma.sessionInvitation.updateMany({ where: { sessionId }, data: { rsvp: 'coming', rsvpAt: f.clock.now } });
      expect(await (await facilitator.get(`/dashboard/jadwal/${sessionId}`)).text()).toContain('data-counts="1/1/1/0"');
      const invitation = await db.prisma.sessionInvitation.findFirstOrThrow({ where: { sessionId } });
      const saved = await facilitator.post(`/dashboard/jadwal/${sessionId}/kehadiran`, { shown: String(invitation.id), present: String(invitation.id) });
      expect(saved.status).toBe(303);
      expect(await (await facilitator.get(`/dashboard/jadwal/${sessionId}`)).text()).toContain('data-counts="1/1/1/1"');
      const csv = await (await facilitator.get(`/dashboard/jadwal/${sessionId}/ekspor/csv`)).text();
      expect(csv).toContain('Siti Contoh Rahayu');
      expect(csv).toContain('Akan hadir');
      const xlsx = await facilitator.get(`/dashboard/jadwal/${sessionId}/ekspor/xlsx`);
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
      expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
      const recipient = await (await facilitator.get(`/dashboard/penerima/${await f.recipientId(IN_GROUP_NIK)}`)).text();
      expect(recipient).toContain('Bimtek pemasaran');
      expect(recipient).toMatch(/Akan hadir, Hadir/);
    });

    it('reschedules and cancels', async () => {
      await facilitator.get(`/dashboard/jadwal/${sessionId}`);
      expect((await facilitator.post(`/dashboard/jadwal/${sessionId}/ubah`, { date: '2026-11-19', time: '10:00' })).status).toBe(400);
      expect((await facilitator.post(`/dashboard/jadwal/${sessionId}/ubah`, { date: '2026-11-26', time: '13:30' })).status).toBe(303);
      expect((await db.prisma.mentoringSession.findUniqueOrThrow({ where: { id: sessionId } })).revision).toBe(2);
      await facilitator.get(`/dashboard/jadwal/${sessionId}`);
      expect((await facilitator.post(`/dashboard/jadwal/${sessionId}/batalkan`)).status).toBe(303);
      expect((await db.prisma.mentoringSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe('cancelled');
      const kinds = (await db.prisma.sessionNotice.findMany({ where: { sessionId }, orderBy: { id: 'asc' } })).map((n) => `${n.kind}:${n.outcome ?? 'pending'}`);
      expect(kinds).toContain('cancelled:pending');
      expect(kinds.filter((k) => k.startsWith('reminder:')).every((k) => k === 'reminder:skipped-stale')).toBe(true);
    });

    it('another facilitator cannot reach the session by any URL; an auditor has no Jadwal page', async () => {
      const other = f.client();
      await db.prisma.staffUser.update({ where: { id: f.otherFacilitatorId }, data: { username: 'other.facilitator' } });
      expect((await other.login('other.facilitator', 'correct horse battery')).status).toBe(303);
      await other.get('/dashboard/jadwal');
      for (const path of [`/dashboard/jadwal/${sessionId}`, `/dashboard/jadwal/${sessionId}/ekspor/csv`]) {
        const response = await other.get(path);
        expect(response.status).toBe(404);
        expect(await response.text()).not.toContain('Siti');
      }
      await other.get('/dashboard/jadwal');
      expect((await other.post(`/dashboard/jadwal/${sessionId}/kehadiran`, { shown: '1', present: '1' })).status).toBe(404);
      expect(await (await other.get('/dashboard/jadwal')).text()).not.toContain('Bimtek pemasaran');
      const auditor = await f.as('auditor');
      expect((await auditor.get('/dashboard/jadwal')).status).toBe(403);
    });
  });
}
