import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../support/backends.js';
import type { DashboardClient } from './support/dashboard-client.js';
import { dashboardFixture, IN_GROUP_NIK, NO_GROUP_NIK, OTHER_GROUP_NIK, type DashboardFixture } from './support/dashboard-fixture.js';

// The fixture's KPM: Siti Contoh Rahayu (Sukacontoh, the facilitator's group), Imas Contoh
// Masitoh (Lebakfiktif, another group), Ujang Fiktif Saepudin (Mekarcontoh, no group).
for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`recipient search on the Penerima page on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;
    let operator: DashboardClient;
    const names = new Map<number, string>();

    beforeAll(async () => {
      db = await backend.open();
      f = await dashboardFixture(db);
      operator = await f.as('operator');
      for (const nik of [IN_GROUP_NIK, OTHER_GROUP_NIK, NO_GROUP_NIK]) {
        const r = await db.prisma.recipient.findUniqueOrThrow({ where: { nik } });
        names.set(r.id, r.fullName);
      }
    }, 180_000);
    afterAll(async () => {
      await db?.dispose();
    });

    /** The full names of the KPM listed for these query values (the list itself shows them masked). */
    async function found(client: DashboardClient, query: Record<string, string>): Promise<string[]> {
      const response = await client.get(`/dashboard/penerima?${new URLSearchParams(query)}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      return [...html.matchAll(/<a href="\/dashboard\/penerima\/(\d+)">/g)].map((m) => names.get(Number(m[1])) ?? `unknown ${m[1]}`).sort();
    }

    it('finds a word, or part of a word, anywhere in the name, in any order', async () => {
      expect(await found(operator, { q: 'rahayu' })).toEqual(['Siti Contoh Rahayu']);
      expect(await found(operator, { q: 'ahay' })).toEqual(['Siti Contoh Rahayu']);
      expect(await found(operator, { q: 'RAHAYU siti' })).toEqual(['Siti Contoh Rahayu']);
      expect(await found(operator, { q: 'contoh' })).toEqual(['Imas Contoh Masitoh', 'Siti Contoh Rahayu']);
      expect(await found(operator, { q: 'contoh masit' })).toEqual(['Imas Contoh Masitoh']);
      expect(await found(operator, { q: 'pudin' })).toEqual(['Ujang Fiktif Saepudin']);
      expect(await found(operator, { q: 'rahayu zzq' })).toEqual([]);
    });

    it('treats one or two letters as the beginning of the name, and a short word beside a long one as a word start', async () => {
      expect(await found(operator, { q: 'si' })).toEqual(['Siti Contoh Rahayu']); // not "Masitoh"
      expect(await found(operator, { q: 'contoh ma' })).toEqual(['Imas Contoh Masitoh']);
      expect(await found(operator, { q: 'contoh ah' })).toEqual([]); // "ah" begins no word
    });

    it('matches typed % and _ literally', async () => {
      expect(await found(operator, { q: '%' })).toEqual([]);
      expect(await found(operator, { q: 'c_ntoh' })).toEqual([]);
      expect(await found(operator, { q: '%ont' })).toEqual([]);
    });

    it('finds a word or part of a word anywhere in the village, with the name too', async () => {
      expect(await found(operator, { desa: 'contoh' })).toEqual(['Siti Contoh Rahayu', 'Ujang Fiktif Saepudin']);
      expect(await found(operator, { desa: 'fiktif' })).toEqual(['Imas Contoh Masitoh']);
      expect(await found(operator, { desa: 'suka' })).toEqual(['Siti Contoh Rahayu']);
      expect(await found(operator, { q: 'ujang', desa: 'mekar' })).toEqual(['Ujang Fiktif Saepudin']);
      expect(await found(operator, { q: 'siti', desa: 'mekar' })).toEqual([]);
    });

    it('keeps NIK search to the whole NIK or its beginning', async () => {
      expect(await found(operator, { q: IN_GROUP_NIK })).toEqual(['Siti Contoh Rahayu']);
      expect(await found(operator, { q: IN_GROUP_NIK.slice(0, 6) })).toEqual(['Siti Contoh Rahayu']);
      expect(await found(operator, { q: `${IN_GROUP_NIK.slice(0, 4)}.${IN_GROUP_NIK.slice(4, 8)}` })).toEqual(['Siti Contoh Rahayu']);
      expect(await found(operator, { q: IN_GROUP_NIK.slice(6, 12) })).toEqual([]); // digits inside a NIK find nothing
    });

    it("limits a facilitator's word search to their groups", async () => {
      const facilitator = await f.as('facilitator');
      expect(await found(facilitator, { q: 'contoh' })).toEqual(['Siti Contoh Rahayu']);
      expect(await found(facilitator, { q: 'masitoh' })).toEqual([]);
      expect(await found(facilitator, { desa: 'contoh' })).toEqual(['Siti Contoh Rahayu']);
    });

    it('pages through word matches with the keyset cursor', async () => {
      const base = { fullName: 'Warga Contoh', regency: 'Kota Serang', district: 'Taktakan', village: 'Sukacontoh' };
      await db.prisma.recipient.createMany({
        data: Array.from({ length: 55 }, (_, i) => ({ ...base, nik: `3673030101900${String(i + 100).padStart(3, '0')}` })),
      });
      const first = await (await operator.get('/dashboard/penerima?q=ontoh')).text();
      const ids = (html: string) => [...html.matchAll(/<a href="\/dashboard\/penerima\/(\d+)">/g)].map((m) => Number(m[1]));
      expect(ids(first)).toHaveLength(50);
      const next = /href="(\/dashboard\/penerima\?[^"]*after=[^"]+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
      expect(next).toBeDefined();
      const second = ids(await (await operator.get(next!)).text());
      expect(second).toHaveLength(55 + 2 - 50);
      expect(new Set([...ids(first), ...second]).size).toBe(57);
    });
  });
}
