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

  it.skipIf(backend.skipReason)('schedules an announcement for later in the group\'s own zone, lists it as scheduled, and cancels it before it starts', async () => {
    // A group in Bali (WITA): its members' NIKs start with 51.
    const bali = await db.prisma.kpmGroup.create({ data: { name: 'Group Bali', programCode: 'UEP', regency: 'Kota Denpasar' } });
    const member = await db.prisma.recipient.create({ data: { nik: '5171010101010001', fullName: 'Made Contoh', regency: 'Kota Denpasar', district: 'Denpasar Barat', village: 'Dauh Puri' } });
    await db.prisma.kpmGroupMember.create({ data: { groupId: bali.id, recipientId: member.id } });
    await db.prisma.conversation.create({ data: { channel: 'telegram', chatId: 'bali-1', machineId: 'kpm-assistant', machineVersion: 2, recipientId: member.id } });
    const operator = await f.as('operator');
    const form = { requestKey: 'Scheduled00000000001', text: 'Pertemuan Rabu', groupIds: String(bali.id) };

    await operator.get('/dashboard/pengumuman');
    const halfGiven = await operator.post('/dashboard/pengumuman', { ...form, sendDate: '2026-11-25' });
    expect(halfGiven.status).toBe(400);
    expect(await halfGiven.text()).toContain('Mohon isi tanggal dan jam kirim sekaligus');
    const past = await operator.post('/dashboard/pengumuman', { ...form, sendDate: '2026-11-20', sendTime: '08:00' }); // 08.00 WITA is 00:00Z, before now (03:00Z)
    expect(past.status).toBe(400);
    expect(await past.text()).toContain('Waktu kirim sudah lewat');
    const notADate = await operator.post('/dashboard/pengumuman', { ...form, sendDate: '2026-02-30', sendTime: '08:00' });
    expect(notADate.status).toBe(400);
    expect(await db.prisma.broadcast.count({ where: { requestKey: { contains: 'Scheduled' } } })).toBe(0);

    const created = await operator.post('/dashboard/pengumuman', { ...form, sendDate: '2026-11-25', sendTime: '09:00' });
    expect(created.status).toBe(303);
    const id = Number(/\/pengumuman\/(\d+)$/.exec(created.headers.get('location') ?? '')?.[1]);
    const row = await db.prisma.broadcast.findUniqueOrThrow({ where: { id } });
    expect(row.sendAt?.toISOString()).toBe('2026-11-25T01:00:00.000Z');
    expect(row.timeZone).toBe('Asia/Makassar');
    const preview = await (await operator.get(`/dashboard/pengumuman/${id}`)).text();
    expect(preview).toContain('data-testid="send-at">2026-11-25 09.00 WITA<');

    expect((await operator.post(`/dashboard/pengumuman/${id}/kirim`)).status).toBe(303);
    // Only confirmed: the scheduler queues it at its send time, for the group's members then.
    expect(await db.prisma.outboundMessage.count({ where: { chatId: 'bali-1' } })).toBe(0);
    expect(await db.prisma.broadcast.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'queued', enqueuedAt: null });
    const list = await (await operator.get('/dashboard/pengumuman')).text();
    expect(list).toMatch(new RegExp(`data-testid="broadcast-${id}-status">Terjadwal · 2026-11-25 09.00 WITA<`));
    const detail = await (await operator.get(`/dashboard/pengumuman/${id}`)).text();
    expect(detail).toContain('data-testid="broadcast-status">Terjadwal<');
    // No polling for days before it starts.
    expect(detail).not.toContain('hx-trigger');

    expect((await operator.post(`/dashboard/pengumuman/${id}/batal`)).status).toBe(303);
    expect((await db.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status).toBe('cancelled');
    expect(await db.prisma.outboundMessage.count({ where: { chatId: 'bali-1' } })).toBe(0);
    const audits = await db.prisma.auditLog.findMany({ where: { action: { in: ['broadcast.confirm', 'broadcast.cancel'] }, staffUserId: f.users.operator }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.action, (a.details as { broadcastId: number }).broadcastId])).toEqual([['broadcast.confirm', id], ['broadcast.cancel', id]]);
    expect(audits[0]!.details).toEqual({ broadcastId: id, scheduled: true, sendAt: '2026-11-25T01:00:00.000Z' });
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
