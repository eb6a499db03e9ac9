import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/dashboard/access/roles.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { dashboardFixture, IN_GROUP_NIK, type DashboardFixture } from './support/dashboard-fixture.js';
import type { DashboardClient } from './support/dashboard-client.js';

interface RouteCase {
  name: string;
  method: 'GET' | 'POST';
  /** Built per test, from the fixture's ids. */
  path: (f: DashboardFixture) => Promise<string> | string;
  form?: (f: DashboardFixture) => Record<string, string>;
  allowed: readonly Role[];
}

const ALL = ROLES;
let unique = 0;

/** Every dashboard route behind the login, with the roles that may use it. */
const ROUTES: RouteCase[] = [
  { name: 'recipient list', method: 'GET', path: () => '/dashboard/penerima', allowed: ['admin', 'operator', 'facilitator'] },
  { name: 'recipient search', method: 'GET', path: () => '/dashboard/penerima?q=siti&program=UEP', allowed: ['admin', 'operator', 'facilitator'] },
  { name: 'recipient detail', method: 'GET', path: async (f) => `/dashboard/penerima/${await f.recipientId(IN_GROUP_NIK)}`, allowed: ['admin', 'operator', 'facilitator'] },
  { name: 'reveal NIK', method: 'POST', path: async (f) => `/dashboard/penerima/${await f.recipientId(IN_GROUP_NIK)}/nik`, allowed: ['admin', 'operator', 'facilitator'] },
  { name: 'audit log', method: 'GET', path: () => '/dashboard/audit', allowed: ['admin', 'auditor'] },
  { name: 'audit export', method: 'GET', path: () => '/dashboard/audit/ekspor.csv', allowed: ['admin', 'auditor'] },
  { name: 'users', method: 'GET', path: () => '/dashboard/pengguna', allowed: ['admin'] },
  { name: 'create user', method: 'POST', path: () => '/dashboard/pengguna', form: () => ({ username: `new.user${unique++}`, displayName: 'New', role: 'operator' }), allowed: ['admin'] },
  { name: 'reset password', method: 'POST', path: (f) => `/dashboard/pengguna/${f.otherFacilitatorId}/reset`, allowed: ['admin'] },
  { name: 'disable user', method: 'POST', path: (f) => `/dashboard/pengguna/${f.otherFacilitatorId}/nonaktifkan`, allowed: ['admin'] },
  { name: 'groups', method: 'GET', path: () => '/dashboard/kelompok', allowed: ['admin', 'operator'] },
  { name: 'create group', method: 'POST', path: () => '/dashboard/kelompok', form: () => ({ name: `Kelompok ${unique++}`, programCode: 'UEP', prokusModel: '', regency: 'Kota Serang', district: '', village: '' }), allowed: ['admin', 'operator'] },
  { name: 'group detail', method: 'GET', path: (f) => `/dashboard/kelompok/${f.groupA}`, allowed: ['admin', 'operator'] },
  { name: 'add group member', method: 'POST', path: (f) => `/dashboard/kelompok/${f.groupA}/anggota`, form: () => ({ nik: IN_GROUP_NIK }), allowed: ['admin', 'operator'] },
  { name: 'assign facilitator', method: 'POST', path: (f) => `/dashboard/kelompok/${f.groupA}/pendamping`, form: (f) => ({ staffUserId: String(f.otherFacilitatorId) }), allowed: ['admin', 'operator'] },
  { name: 'announcements', method: 'GET', path: () => '/dashboard/pengumuman', allowed: ['admin', 'operator', 'facilitator'] },
  { name: 'reminders', method: 'GET', path: () => '/dashboard/pengingat', allowed: ['admin', 'operator', 'facilitator'] },
  { name: 'create reminder', method: 'POST', path: () => '/dashboard/pengingat', form: (f) => ({ requestKey: `AccessControl${String(unique++).padStart(8, '0')}`, text: 'Halo', kind: 'daily', time: '09:00', groupIds: String(f.groupA) }), allowed: ['admin', 'operator', 'facilitator'] },
  { name: 'quiet hours', method: 'GET', path: () => '/dashboard/jam-tenang', allowed: ['admin', 'operator'] },
  { name: 'set quiet hours', method: 'POST', path: () => '/dashboard/jam-tenang', form: () => ({ region: 'Kota Serang', start: '21:00', end: '06:00' }), allowed: ['admin', 'operator'] },
  { name: 'overview', method: 'GET', path: () => '/dashboard/ringkasan', allowed: ['admin', 'operator', 'auditor'] },
  { name: 'import page', method: 'GET', path: () => '/dashboard/impor', allowed: ['admin', 'operator'] },
  { name: 'import upload', method: 'POST', path: () => '/dashboard/impor', form: () => ({ kind: 'recipients' }), allowed: ['admin', 'operator'] },
  { name: 'export page', method: 'GET', path: () => '/dashboard/ekspor', allowed: ['admin', 'operator', 'facilitator'] },
  { name: 'export CSV', method: 'GET', path: () => '/dashboard/ekspor/penerima.csv', allowed: ['admin', 'operator', 'facilitator'] },
  { name: 'export XLSX', method: 'GET', path: () => '/dashboard/ekspor/penerima.xlsx', allowed: ['admin', 'operator', 'facilitator'] },
  {
    name: 'change a stage',
    method: 'POST',
    path: async (f) => `/dashboard/penerima/${await f.recipientId(IN_GROUP_NIK)}/tahap`,
    form: () => ({ programStage: 'UEP|dicairkan', date: '2026-02-01', amount: '2.500.000', channel: 'BRI', place: '', note: '' }),
    allowed: ['admin', 'operator'],
  },
  { name: 'change password page', method: 'GET', path: () => '/dashboard/kata-sandi', allowed: ALL },
];

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`dashboard access control on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;
    const clients = new Map<Role, DashboardClient>();

    beforeAll(async () => {
      db = await backend.open();
      f = await dashboardFixture(db);
      for (const role of ROLES) clients.set(role, await f.as(role));
    }, 180_000);
    afterAll(async () => {
      await db?.dispose();
    });

    async function call(client: DashboardClient, route: RouteCase): Promise<Response> {
      const path = await route.path(f);
      if (route.method === 'GET') return client.get(path);
      await client.get('/dashboard/kata-sandi'); // a page with a fresh CSRF field
      return client.post(path, route.form?.(f) ?? {});
    }

    describe.each(ROUTES)('$method $name', (route) => {
      it.each(ROLES.map((role) => ({ role, allowed: route.allowed.includes(role) })))('$role → allowed: $allowed', async ({ role, allowed }) => {
        const response = await call(clients.get(role)!, route);
        if (allowed) {
          // 400: the route ran and refused the (deliberately minimal) form.
          expect([200, 303, 400], `${role} ${route.name}`).toContain(response.status);
          await response.arrayBuffer();
          expect(response.headers.get('location') ?? '').not.toContain('/masuk');
        } else {
          expect(response.status).toBe(403);
          expect(await response.text()).not.toContain(IN_GROUP_NIK);
        }
      });

      it('without a session → the login page', async () => {
        const anonymous = f.client();
        const path = await route.path(f);
        const response = route.method === 'GET' ? await anonymous.get(path) : await anonymous.post(path, route.form?.(f) ?? {}, 'x');
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toBe('/dashboard/masuk');
      });
    });
  });
}
