import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuietHours } from '../../src/proactive/quiet-hours-store.js';
import { backends, type TestDatabase } from '../support/backends.js';
import type { DashboardClient } from './support/dashboard-client.js';
import { dashboardFixture, type DashboardFixture } from './support/dashboard-fixture.js';

// The Jam tenang page over HTTP: the default shown, an override per regency set and cleared
// (and used by the senders), refusals, operators only, every change audited.
describe.each(backends)('the Jam tenang page on $kind', (backend) => {
  let db: TestDatabase;
  let f: DashboardFixture;
  let operator: DashboardClient;
  async function post(path: string, form: Record<string, string>): Promise<Response> {
    await operator.get('/dashboard/jam-tenang');
    return operator.post(path, form);
  }

  beforeAll(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    f = await dashboardFixture(db);
    operator = await f.as('operator');
  }, 180_000);
  afterAll(async () => {
    await db?.dispose();
  });

  it.skipIf(backend.skipReason)('shows the default and sets, changes and clears a regency\'s quiet hours, audited', async () => {
    const page = await (await operator.get('/dashboard/jam-tenang')).text();
    expect(page).toContain('data-testid="quiet-default">21.00 sampai 07.00 waktu setempat<');
    expect(page).toContain('<option value="Kabupaten Lebak">');

    expect((await post('/dashboard/jam-tenang', { region: 'Kabupaten Lebak', start: '22:00', end: '06:30' })).status).toBe(303);
    expect((await post('/dashboard/jam-tenang', { region: 'Kabupaten Lebak', start: '20:00', end: '06:30' })).status).toBe(303);
    const quietFor = await loadQuietHours(db);
    expect(quietFor('Kabupaten Lebak')).toEqual({ start: 20 * 60, end: 6 * 60 + 30 });
    expect(quietFor('Kota Serang')).toEqual({ start: 21 * 60, end: 7 * 60 });
    const listed = await (await operator.get('/dashboard/jam-tenang')).text();
    expect(listed).toContain('20.00 sampai 06.30 waktu setempat');

    expect((await post('/dashboard/jam-tenang/hapus', { region: 'Kabupaten Lebak' })).status).toBe(303);
    expect(await db.prisma.quietHoursOverride.count()).toBe(0);
    const audits = await db.prisma.auditLog.findMany({ where: { action: { startsWith: 'quiet-hours.' } }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.action, a.staffUserId, a.details])).toEqual([
      ['quiet-hours.set', f.users.operator, { region: 'Kabupaten Lebak', start: 1320, end: 390, before: null }],
      ['quiet-hours.set', f.users.operator, { region: 'Kabupaten Lebak', start: 1200, end: 390, before: { start: 1320, end: 390 } }],
      ['quiet-hours.clear', f.users.operator, { region: 'Kabupaten Lebak' }],
    ]);
  });

  it.skipIf(backend.skipReason)('refuses bad times, unknown regions and clearing what is not set, politely', async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['/dashboard/jam-tenang', { region: 'Kota Serang', start: '25:00', end: '06:00' }, 'Mohon pilih kabupaten/kota dan isi jam mulai'],
      ['/dashboard/jam-tenang', { region: 'Kota Serang', start: '', end: '06:00' }, 'Mohon pilih kabupaten/kota dan isi jam mulai'],
      ['/dashboard/jam-tenang', { region: 'Kota Atlantis', start: '21:00', end: '06:00' }, 'tidak dikenal'],
      ['/dashboard/jam-tenang/hapus', { region: 'Kota Serang' }, 'sudah memakai jam tenang bawaan'],
      ['/dashboard/jam-tenang/hapus', { region: '' }, 'Mohon pilih kabupaten/kota'],
    ];
    for (const [path, form, message] of cases) {
      const response = await post(path, form);
      expect(response.status, JSON.stringify(form)).toBe(400);
      expect(await response.text()).toContain(message);
    }
    expect(await db.prisma.quietHoursOverride.count()).toBe(0);
  });

  it.skipIf(backend.skipReason)('is for operators and admins only', async () => {
    const facilitator = await f.as('facilitator');
    expect((await facilitator.get('/dashboard/jam-tenang')).status).toBe(403);
    expect(await (await facilitator.get('/dashboard/pengingat')).text()).not.toContain('/dashboard/jam-tenang');
    expect((await facilitator.post('/dashboard/jam-tenang', { region: 'Kota Serang', start: '21:00', end: '06:00' })).status).toBe(403);
    expect(await db.prisma.quietHoursOverride.count()).toBe(0);
    expect((await (await f.as('admin')).get('/dashboard/jam-tenang')).status).toBe(200);
  });
});
