import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../support/backends.js';
import { dashboardFixture, IN_GROUP_NIK, NO_GROUP_NIK, OTHER_GROUP_NIK, type DashboardFixture } from './support/dashboard-fixture.js';
import type { DashboardClient } from './support/dashboard-client.js';

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`a facilitator's scope on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;
    let facilitator: DashboardClient;

    beforeAll(async () => {
      db = await backend.open();
      f = await dashboardFixture(db);
      facilitator = await f.as('facilitator');
    }, 180_000);
    afterAll(async () => {
      await db?.dispose();
    });

    it('opens a KPM of their own group', async () => {
      const response = await facilitator.get(`/dashboard/penerima/${await f.recipientId(IN_GROUP_NIK)}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Siti Contoh Rahayu');
    });

    it.each([OTHER_GROUP_NIK, NO_GROUP_NIK])('gets 404 for KPM %s by URL, and for revealing its NIK', async (nik) => {
      const id = await f.recipientId(nik);
      const page = await facilitator.get(`/dashboard/penerima/${id}`);
      expect(page.status).toBe(404);
      expect(await page.text()).not.toContain(nik);
      await facilitator.get('/dashboard/penerima');
      const reveal = await facilitator.post(`/dashboard/penerima/${id}/nik`);
      expect(reveal.status).toBe(404);
      expect(await reveal.text()).not.toContain(nik);
      expect(await db.prisma.auditLog.count({ where: { recipientId: id, staffUserId: f.users.facilitator } })).toBe(0);
    });

    it('finds only their group by search: by name, by NIK, by village, and in the unfiltered list', async () => {
      const list = await (await facilitator.get('/dashboard/penerima')).text();
      expect(list).toContain(`/dashboard/penerima/${await f.recipientId(IN_GROUP_NIK)}`);
      expect(list).not.toContain(`/dashboard/penerima/${await f.recipientId(OTHER_GROUP_NIK)}"`);
      for (const query of ['?q=imas', `?q=${OTHER_GROUP_NIK}`, `?q=${OTHER_GROUP_NIK.slice(0, 8)}`, '?desa=lebakfiktif', `?kelompok=${f.groupB}`]) {
        const page = await facilitator.get(`/dashboard/penerima${query}`);
        expect(page.status).toBe(200);
        const text = await page.text();
        expect(text, query).not.toContain(`/dashboard/penerima/${await f.recipientId(OTHER_GROUP_NIK)}"`);
        expect(text, query).toContain('Tidak ada penerima yang cocok');
      }
      // The same searches find the KPM for an operator (the search itself works).
      const operator = await f.as('operator');
      const found = await (await operator.get(`/dashboard/penerima?q=${OTHER_GROUP_NIK}`)).text();
      expect(found).toContain(`/dashboard/penerima/${await f.recipientId(OTHER_GROUP_NIK)}"`);
    });

    it('loses a KPM the moment the group is unassigned', async () => {
      await db.prisma.kpmGroupFacilitator.deleteMany({ where: { staffUserId: f.users.facilitator } });
      const response = await facilitator.get(`/dashboard/penerima/${await f.recipientId(IN_GROUP_NIK)}`);
      expect(response.status).toBe(404);
    });
  });
}
