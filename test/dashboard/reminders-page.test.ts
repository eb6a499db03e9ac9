import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../support/backends.js';
import type { DashboardClient } from './support/dashboard-client.js';
import { dashboardFixture, type DashboardFixture } from './support/dashboard-fixture.js';

// The Pengingat page over HTTP: rules of every kind, polite refusals (never a 5xx), a
// facilitator kept to their own groups and rules, and every change audited.
// The fixture's clock: Friday 20 November 2026, 10:00 WIB.
describe.each(backends)('the Pengingat page on $kind', (backend) => {
  let db: TestDatabase;
  let f: DashboardFixture;
  let operator: DashboardClient;
  const weekly = (extra: Record<string, string | string[]> = {}) => ({ text: 'Pertemuan kelompok', kind: 'weekly', time: '09:00', regencies: 'Kota Serang', ...extra });

  async function post(client: DashboardClient, form: Record<string, string | string[]>): Promise<Response> {
    await client.get('/dashboard/pengingat');
    const body = new URLSearchParams();
    unique += 1;
    for (const [key, value] of Object.entries({ requestKey: `RequestKey${String(unique).padStart(10, '0')}`, ...form })) for (const one of [value].flat()) body.append(key, one);
    body.set('_csrf', client.csrfToken()!);
    return client.send('/dashboard/pengingat', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  }
  const rules = () => db.prisma.reminderRule.findMany({ orderBy: { id: 'asc' } });
  let unique = 0;

  beforeAll(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    f = await dashboardFixture(db);
    operator = await f.as('operator');
  }, 180_000);
  afterAll(async () => {
    await db?.dispose();
  });

  it.skipIf(backend.skipReason)('an operator creates a weekly rule; the list shows its next occurrence in local time, and it is audited', async () => {
    const created = await post(operator, weekly({ days: ['2', '5'] }));
    expect(created.status).toBe(303);
    const [rule] = await rules();
    // Friday's 09:00 has passed at 10:00: the next is Tuesday.
    expect(rule!.nextFireAt?.toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(rule!.timeZone).toBe('Asia/Jakarta');
    expect(rule!.recurrence).toEqual({ kind: 'weekly', days: [2, 5], time: '09:00' });
    expect(rule!.target).toEqual({ regencies: ['Kota Serang'] });
    const page = await (await operator.get('/dashboard/pengingat')).text();
    expect(page).toContain(`data-testid="rule-${rule!.id}-next">2026-11-24 09.00 WIB<`);
    expect(page).toContain('Setiap Selasa, Jumat pukul 09.00 WIB');
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'rule.create' } });
    expect(audit.staffUserId).toBe(f.users.operator);
    expect(audit.details).toMatchObject({ ruleId: rule!.id, kind: 'weekly' });
  });

  it.skipIf(backend.skipReason)('creates one-off, daily, monthly, cron and relative rules', async () => {
    const before = (await rules()).length;
    expect((await post(operator, { ...weekly(), kind: 'once', date: '2026-12-01', time: '08:30' })).status).toBe(303);
    expect((await post(operator, { ...weekly(), kind: 'daily', time: '07:15' })).status).toBe(303);
    expect((await post(operator, { ...weekly(), kind: 'monthly', dayOfMonth: '31', time: '09:00' })).status).toBe(303);
    expect((await post(operator, { ...weekly(), kind: 'cron', cron: '0 9 * * 1' })).status).toBe(303);
    expect((await post(operator, { ...weekly(), kind: 'after-stage', offsetDays: '7', stage: 'UEP/dicairkan' })).status).toBe(303);
    expect((await post(operator, { ...weekly(), kind: 'before-session', offsetDays: '3', time: '16:00', regencies: '', groupIds: String(f.groupA) })).status).toBe(303);
    const made = (await rules()).slice(before);
    expect(made.map((rule) => [rule.recurrence, rule.nextFireAt?.toISOString()])).toEqual([
      [{ kind: 'once', at: '2026-12-01T01:30:00.000Z' }, '2026-12-01T01:30:00.000Z'],
      [{ kind: 'daily', time: '07:15' }, '2026-11-21T00:15:00.000Z'],
      [{ kind: 'monthly', day: 31, time: '09:00' }, '2026-11-30T02:00:00.000Z'], // November's last day
      [{ kind: 'cron', expression: '0 9 * * 1' }, '2026-11-23T02:00:00.000Z'],
      [{ kind: 'relative', anchor: { type: 'stage', programCode: 'UEP', stageCode: 'dicairkan' }, offsetDays: 7, time: '09:00' }, '2026-11-21T02:00:00.000Z'],
      [{ kind: 'relative', anchor: { type: 'session' }, offsetDays: -3, time: '16:00' }, '2026-11-20T09:00:00.000Z'],
    ]);
    expect(await db.prisma.auditLog.count({ where: { action: 'rule.create' } })).toBe(before + 6);
  });

  it.skipIf(backend.skipReason)('a double submit of the form makes one rule, also when both arrive at once', async () => {
    const before = (await rules()).length;
    const form = { ...weekly({ days: '3' }), requestKey: 'DoubleSubmit00000001' };
    const first = await post(operator, form);
    const second = await post(operator, form);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect((await rules()).length).toBe(before + 1);
    // Both at once: one wins, the other finds it (or meets the unique key) and is not an error.
    await operator.get('/dashboard/pengingat');
    const token = operator.csrfToken()!;
    const racing = { ...form, requestKey: 'DoubleSubmit00000002', days: '4', _csrf: token };
    const send = () => operator.send('/dashboard/pengingat', { method: 'POST', body: new URLSearchParams(racing), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const statuses = (await Promise.all([send(), send()])).map((response) => response.status);
    expect(statuses).toEqual([303, 303]);
    expect((await rules()).length).toBe(before + 2);
    // What the route relies on when the race reaches the database: the key's unique violation is P2002.
    const [made] = await db.prisma.reminderRule.findMany({ where: { requestKey: { endsWith: 'DoubleSubmit00000002' } } });
    await expect(db.prisma.reminderRule.create({ data: { ownerKind: 'staff', requestKey: made!.requestKey, recurrence: {}, timeZone: 'Asia/Jakarta', target: {}, message: {} } })).rejects.toMatchObject({ code: 'P2002' });
    await db.prisma.reminderRule.deleteMany({ where: { requestKey: { contains: 'DoubleSubmit' } } });
  });

  it.skipIf(backend.skipReason)('refuses what is missing or wrong with a polite message, never a 5xx, and stores nothing', async () => {
    const before = (await rules()).length;
    const cases: Array<[Record<string, string | string[]>, string]> = [
      [weekly(), 'Mohon pilih paling sedikit satu hari'],
      [{ ...weekly(), kind: 'once', date: '2026-11-19', time: '09:00' }, 'Waktu itu sudah lewat'],
      [{ ...weekly(), kind: 'once', date: '', time: '09:00' }, 'tanggal dan jam yang benar'],
      [{ ...weekly(), kind: 'daily', time: '' }, 'Mohon isi jam kirim'],
      [{ ...weekly(), kind: 'daily', time: '24:00' }, 'belum lengkap atau tidak sah'],
      [{ ...weekly(), kind: 'monthly' }, 'Mohon isi tanggal tiap bulan'],
      [{ ...weekly(), kind: 'monthly', dayOfMonth: '32' }, 'belum lengkap atau tidak sah'],
      [{ ...weekly(), kind: 'cron', cron: 'every day please' }, 'Ekspresi cron tidak dapat dibaca'],
      [{ ...weekly(), kind: 'after-stage', offsetDays: '7', stage: 'UEP/tidak-ada' }, 'Mohon pilih tahap yang ada'],
      [{ ...weekly(), kind: 'after-stage', stage: 'UEP/dicairkan' }, 'Mohon isi jumlah hari'],
      [{ ...weekly({ days: '1' }), regencies: '' }, 'Pilih paling sedikit satu kelompok'],
      [{ ...weekly({ days: '1' }), kind: 'yearly' }, 'belum lengkap atau tidak sah'],
      [{ ...weekly({ days: '1' }), text: '   ' }, 'belum lengkap atau tidak sah'],
      [{ ...weekly({ days: '1' }), requestKey: 'short' }, 'belum lengkap atau tidak sah'],
    ];
    for (const [form, message] of cases) {
      const response = await post(operator, form);
      expect(response.status, JSON.stringify(form)).toBe(400);
      expect(await response.text(), JSON.stringify(form)).toContain(message);
    }
    expect((await rules()).length).toBe(before);
  });

  it.skipIf(backend.skipReason)('a facilitator reaches only their own groups, has no cron, and sees and changes only their own rules', async () => {
    const facilitator = await f.as('facilitator');
    const page = await (await facilitator.get('/dashboard/pengingat')).text();
    expect(page).not.toContain('name="cron"');
    expect(page).not.toContain('name="regencies"');
    expect((await post(facilitator, { text: 'x', kind: 'daily', time: '09:00', groupIds: String(f.groupB) })).status).toBe(403);
    const cron = await post(facilitator, { text: 'x', kind: 'cron', cron: '0 9 * * *', groupIds: String(f.groupA) });
    expect(cron.status).toBe(400);
    expect(await cron.text()).toContain('hanya dapat dipakai operator');
    // Region fields from a facilitator are ignored: no target is left.
    expect((await post(facilitator, { text: 'x', kind: 'daily', time: '09:00', regencies: 'Kota Serang' })).status).toBe(400);
    expect((await post(facilitator, { text: 'Kelompok A', kind: 'daily', time: '09:00', groupIds: String(f.groupA) })).status).toBe(303);
    const own = await db.prisma.reminderRule.findFirstOrThrow({ where: { createdById: f.users.facilitator } });
    expect(own.target).toEqual({ groupIds: [f.groupA] });

    const list = await (await facilitator.get('/dashboard/pengingat')).text();
    expect(list).toContain(`data-rule="${own.id}"`);
    const operatorsRule = await db.prisma.reminderRule.findFirstOrThrow({ where: { createdById: f.users.operator } });
    expect(list).not.toContain(`data-rule="${operatorsRule.id}"`);
    for (const action of ['jeda', 'lanjutkan', 'hapus']) {
      await facilitator.get('/dashboard/pengingat');
      expect((await facilitator.post(`/dashboard/pengingat/${operatorsRule.id}/${action}`)).status).toBe(404);
    }
    // A session's own rules are not this page's.
    const sessionRule = await db.prisma.reminderRule.create({ data: { ownerKind: 'session', ownerId: '1', recurrence: { kind: 'daily', time: '09:00' }, timeZone: 'Asia/Jakarta', target: {}, message: { kind: 'text', text: 'x' } } });
    await operator.get('/dashboard/pengingat');
    expect((await operator.post(`/dashboard/pengingat/${sessionRule.id}/hapus`)).status).toBe(404);
    await operator.get('/dashboard/pengingat');
    expect((await operator.post('/dashboard/pengingat/abc/hapus')).status).toBe(404);
    // An auditor has no Pengingat page.
    expect((await (await f.as('auditor')).get('/dashboard/pengingat')).status).toBe(403);
  });

  it.skipIf(backend.skipReason)('pauses, resumes and deletes a rule, each audited', async () => {
    let facilitator = await f.as('facilitator');
    const rule = await db.prisma.reminderRule.findFirstOrThrow({ where: { createdById: f.users.facilitator } });
    await facilitator.get('/dashboard/pengingat');
    expect((await facilitator.post(`/dashboard/pengingat/${rule.id}/jeda`)).status).toBe(303);
    let row = await db.prisma.reminderRule.findUniqueOrThrow({ where: { id: rule.id } });
    expect(row.pausedAt).not.toBeNull();
    expect(row.nextFireAt).toBeNull();
    expect(await (await facilitator.get('/dashboard/pengingat')).text()).toContain(`data-testid="rule-${rule.id}-next">Dijeda<`);
    const twice = await facilitator.post(`/dashboard/pengingat/${rule.id}/jeda`);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('sudah dijeda atau dihapus');

    f.clock.advance(24 * 3_600_000); // Saturday 10:00 WIB: Saturday's 09:00 is gone
    facilitator = await f.as('facilitator'); // the day-old login has expired
    await facilitator.get('/dashboard/pengingat');
    expect((await facilitator.post(`/dashboard/pengingat/${rule.id}/lanjutkan`)).status).toBe(303);
    row = await db.prisma.reminderRule.findUniqueOrThrow({ where: { id: rule.id } });
    expect(row.pausedAt).toBeNull();
    expect(row.nextFireAt?.toISOString()).toBe('2026-11-22T02:00:00.000Z');

    await facilitator.get('/dashboard/pengingat');
    expect((await facilitator.post(`/dashboard/pengingat/${rule.id}/hapus`)).status).toBe(303);
    expect((await db.prisma.reminderRule.findUniqueOrThrow({ where: { id: rule.id } })).cancelledAt).not.toBeNull();
    expect(await (await facilitator.get('/dashboard/pengingat')).text()).not.toContain(`data-rule="${rule.id}"`);
    expect((await facilitator.post(`/dashboard/pengingat/${rule.id}/hapus`)).status).toBe(404); // already deleted

    const audits = await db.prisma.auditLog.findMany({ where: { action: { in: ['rule.pause', 'rule.resume', 'rule.cancel'] } }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.action, a.staffUserId, (a.details as { ruleId: number }).ruleId])).toEqual([
      ['rule.pause', f.users.facilitator, rule.id],
      ['rule.resume', f.users.facilitator, rule.id],
      ['rule.cancel', f.users.facilitator, rule.id],
    ]);
  });
});
