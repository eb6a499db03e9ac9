import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importContacts } from '../../src/importing/import-contacts.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { csv } from './fixtures.js';

const HEADER = ['wilayah', 'nama', 'telepon', 'whatsapp', 'alamat'];

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`importContacts on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
    });
    afterEach(async () => {
      await db.dispose();
    });

    const stored = () => db.prisma.contact.findMany({ orderBy: { area: 'asc' }, select: { area: true, name: true, phone: true, whatsapp: true, address: true } });

    it('imports contacts keyed by area, refuses bad rows with their line, and a second run changes nothing', async () => {
      const text = csv(
        HEADER, //                                                                                         line 1
        ['Provinsi', 'Dinas Sosial Provinsi Banten', '0254-000-0000', '0811-0000-9000', '"Jl. Contoh Raya No. 1, Serang"'], // 2
        ['Kota  Serang', 'Dinas Sosial Kota Serang', '(0254) 000-001', '', ''], //                          3
        ['Kabupaten Lebak', 'Dinas Sosial Kabupaten Lebak', 'telepon kantor', '', ''], //                    4: not a number
        ['Kabupaten Pandeglang', 'Dinas Sosial Kabupaten Pandeglang', '', '0254-000-0004', ''], //          5: not a mobile
        ['kota serang', 'Dinas Sosial Kota Serang (lagi)', '', '', ''], //                                   6: same area
        ['', 'Tanpa wilayah', '', '', ''], //                                                                7
      );
      const report = await importContacts(db, text);
      expect(report).toMatchObject({ kind: 'contacts', read: 6, created: 2, updated: 0, unchanged: 0 });
      expect(report.rejected).toEqual([
        { line: 4, reasons: [{ code: 'contact-phone' }] },
        { line: 5, reasons: [{ code: 'phone' }] },
        { line: 6, reasons: [{ code: 'duplicate', firstLine: 3 }] },
        { line: 7, reasons: [{ code: 'required', column: 'wilayah' }] },
      ]);
      expect(await stored()).toEqual([
        { area: 'kota serang', name: 'Dinas Sosial Kota Serang', phone: '(0254) 000-001', whatsapp: null, address: null },
        { area: 'provinsi', name: 'Dinas Sosial Provinsi Banten', phone: '0254-000-0000', whatsapp: '+6281100009000', address: 'Jl. Contoh Raya No. 1, Serang' },
      ]);

      expect(await importContacts(db, text)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    });

    it('updates a changed contact and leaves areas not in the file alone', async () => {
      await importContacts(db, csv(HEADER, ['provinsi', 'Dinsos Banten', '0254-000-0000', '', ''], ['Kota Cilegon', 'Dinsos Cilegon', '', '', '']));
      const report = await importContacts(db, csv(HEADER, ['PROVINSI', 'Dinas Sosial Provinsi Banten', '0254-000-0009', '', 'Jl. Contoh']));
      expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: [] });
      expect((await stored()).map((contact) => [contact.area, contact.name, contact.phone])).toEqual([
        ['kota cilegon', 'Dinsos Cilegon', null],
        ['provinsi', 'Dinas Sosial Provinsi Banten', '0254-000-0009'],
      ]);
    });
  });
}
