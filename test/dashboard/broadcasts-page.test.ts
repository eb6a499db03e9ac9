import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../support/backends.js';
import { dashboardFixture, type DashboardFixture } from './support/dashboard-fixture.js';

// The Pengumuman page over HTTP: idempotent creation, a facilitator kept to their own groups,
// and the opt-out shown on the recipient's page.
describe.each(backends)('announcements page on $kind', (backend) => {
  let db: TestDatabase;
  let f: DashboardFixture;
  beforeAll(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    f = await dashboardFixture(db);
  }, 180_000);
  afterAll(async () => {
    await db?.dispose();
  });

  it.skipIf(backend.skipReason)('a double submit of the form creates one announcement', async () => {
    const operator = await f.as('operator');
    await operator.get('/dashboard/pengumuman');
    const form = { requestKey: 'Abcdefghijklmnop1234', text: 'Halo semua', regencies: 'Kota Serang' };
    const first = await operator.post('/dashboard/pengumuman', form);
    await operator.get('/dashboard/pengumuman');
    const second = await operator.post('/dashboard/pengumuman', form);
    expect(first.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await db.prisma.broadcast.count()).toBe(1);
    await operator.get('/dashboard/pengumuman');
    const bad = await operator.post('/dashboard/pengumuman', { requestKey: 'Abcdefghijklmnop9999', text: '', regencies: '' });
    expect(bad.status).toBe(400);
  });

  it.skipIf(backend.skipReason)('a facilitator reaches only their own groups and sees only their own announcements', async () => {
    const facilitator = await f.as('facilitator');
    await facilitator.get('/dashboard/pengumuman');
    const theirs = await facilitator.post('/dashboard/pengumuman', { requestKey: 'Facilitator000000001', text: 'Kelompok B', groupIds: String(f.groupB) });
    expect(theirs.status).toBe(403);
    await facilitator.get('/dashboard/pengumuman');
    // Region fields are operators' only: from a facilitator they are ignored, so no target is left.
    const region = await facilitator.post('/dashboard/pengumuman', { requestKey: 'Facilitator000000002', text: 'Semua', regencies: 'Kota Serang' });
    expect(region.status).toBe(400);
    await facilitator.get('/dashboard/pengumuman');
    const own = await facilitator.post('/dashboard/pengumuman', { requestKey: 'Facilitator000000003', text: 'Kelompok A', groupIds: String(f.groupA) });
    expect(own.status).toBe(303);
    const page = await facilitator.get(own.headers.get('location')!);
    expect(page.status).toBe(200);
    const operatorsOwn = await db.prisma.broadcast.findFirstOrThrow({ where: { createdById: f.users.operator } });
    expect((await facilitator.get(`/dashboard/pengumuman/${operatorsOwn.id}`)).status).toBe(404);
  });

  it.skipIf(backend.skipReason)('the recipient page shows when the KPM stopped reminders', async () => {
    const [recipient] = await db.prisma.recipient.findMany({ take: 1, orderBy: { id: 'asc' } });
    await db.prisma.conversation.create({
      data: { channel: 'telegram', chatId: 'opt', machineId: 'kpm-assistant', machineVersion: 2, recipientId: recipient!.id, optedOutAt: new Date('2026-11-20T02:00:00Z') },
    });
    const operator = await f.as('operator');
    const page = await operator.get(`/dashboard/penerima/${recipient!.id}`);
    const html = await page.text();
    expect(html).toContain('Berhenti (BERHENTI) sejak');
  });
});
