import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRecipients } from '../../src/importing/import-recipients.js';
import type { ImportProgress } from '../../src/importing/import-options.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { csv, kk, nik, NOW, RECIPIENT_HEADER, recipientRow } from './fixtures.js';

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`importRecipients on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
    });
    afterEach(async () => {
      await db.dispose();
    });

    const storedRecipients = () =>
      db.prisma.recipient.findMany({ orderBy: { id: 'asc' } });

    it('imports good rows, normalising phones and keeping the NIK as 16 digits', async () => {
      const report = await importRecipients(
        db,
        csv(
          RECIPIENT_HEADER,
          recipientRow(1, { nama: '  Siti   Contoh  Rahayu ', telepon: '081200000001' }),
          recipientRow(2, { nik: `'${nik(2, 'female')}`, no_kk: '', telepon: '' }),
          recipientRow(3, { nik: '3673 0312 0580 9003', telepon: '+62 812-0000-0003' }),
        ),
        { now: NOW },
      );
      expect(report).toMatchObject({ kind: 'recipients', read: 3, created: 3, updated: 0, unchanged: 0, rejected: [] });
      const stored = await storedRecipients();
      expect(stored.map((r) => [r.nik, r.fullName, r.kkNumber, r.phone])).toEqual([
        [nik(1), 'Siti Contoh Rahayu', kk(1), '+6281200000001'],
        [nik(2, 'female'), 'Warga Contoh 2', null, null],
        [nik(3), 'Warga Contoh 3', kk(3), '+6281200000003'],
      ]);
      expect(stored[0]).toMatchObject({ regency: 'Kota Serang', district: 'Taktakan', village: 'Sukacontoh' });
    });

    it('refuses every bad row with its line number and reason, importing the rest', async () => {
      const text = csv(
        RECIPIENT_HEADER, //                                                        line 1
        recipientRow(1), //                                                         line 2: good
        recipientRow(2, { nik: '' }), //                                            3
        recipientRow(3, { nik: '36730312058A9003' }), //                            4
        recipientRow(4, { nik: '367303120580904' }), //                             5
        recipientRow(5, { nik: '9973031205809005' }), //                            6
        recipientRow(6, { nik: '3673033205809006' }), //                            7: day 32
        recipientRow(7, { nik: '3673031205800000' }), //                            8
        recipientRow(8, { nik: '3.67303E+15' }), //                                 9
        recipientRow(9, { nama: '' }), //                                           10
        recipientRow(10, { no_kk: '12345' }), //                                    11
        recipientRow(11, { telepon: '021-5550123' }), //                            12
        recipientRow(12, { kabupaten_kota: '', kecamatan: '', desa: '' }), //       13
        recipientRow(1, { nama: 'Orang Lain Contoh' }), //                          14: NIK of line 2
        [...recipientRow(13), 'extra'], //                                          15
        recipientRow(14, { nama: 'x'.repeat(201) }), //                             16
        recipientRow(15, { nama: '', telepon: '12' }), //                           17: two reasons
        recipientRow(16), //                                                        18: good
      );
      const report = await importRecipients(db, text, { now: NOW });
      expect(report.rejected).toEqual([
        { line: 3, reasons: [{ code: 'nik', column: 'nik', problem: 'empty' }] },
        { line: 4, reasons: [{ code: 'nik', column: 'nik', problem: 'non-digit' }] },
        { line: 5, reasons: [{ code: 'nik', column: 'nik', problem: 'length', length: 15 }] },
        { line: 6, reasons: [{ code: 'nik', column: 'nik', problem: 'unknown-province' }] },
        { line: 7, reasons: [{ code: 'nik', column: 'nik', problem: 'invalid-birth-date' }] },
        { line: 8, reasons: [{ code: 'nik', column: 'nik', problem: 'invalid-serial' }] },
        { line: 9, reasons: [{ code: 'excel-number', column: 'nik' }] },
        { line: 10, reasons: [{ code: 'required', column: 'nama' }] },
        { line: 11, reasons: [{ code: 'kk' }] },
        { line: 12, reasons: [{ code: 'phone' }] },
        {
          line: 13,
          reasons: [
            { code: 'required', column: 'kabupaten_kota' },
            { code: 'required', column: 'kecamatan' },
            { code: 'required', column: 'desa' },
          ],
        },
        { line: 14, reasons: [{ code: 'duplicate', firstLine: 2 }] },
        { line: 15, reasons: [{ code: 'column-count', expected: 7, found: 8 }] },
        { line: 16, reasons: [{ code: 'too-long', column: 'nama', max: 200 }] },
        { line: 17, reasons: [{ code: 'required', column: 'nama' }, { code: 'phone' }] },
      ]);
      expect(report).toMatchObject({ read: 17, created: 2, updated: 0, unchanged: 0 });
      expect((await storedRecipients()).map((r) => [r.nik, r.fullName])).toEqual([
        [nik(1), 'Warga Contoh 1'],
        [nik(16), 'Warga Contoh 16'],
      ]);
    });

    it('catches a repeated NIK even when its first row was refused for something else', async () => {
      const report = await importRecipients(
        db,
        csv(RECIPIENT_HEADER, recipientRow(1, { nama: '' }), recipientRow(1, { nik: nik(1).replace(/(\d{4})/g, '$1 ') })),
        { now: NOW },
      );
      expect(report.rejected).toEqual([
        { line: 2, reasons: [{ code: 'required', column: 'nama' }] },
        { line: 3, reasons: [{ code: 'duplicate', firstLine: 2 }] },
      ]);
      expect(await db.prisma.recipient.count()).toBe(0);
    });

    it('re-importing the same file changes nothing; a changed row is updated', async () => {
      const rows = [1, 2, 3, 4, 5].map((n) => recipientRow(n));
      await importRecipients(db, csv(RECIPIENT_HEADER, ...rows), { now: NOW });
      const before = await storedRecipients();

      const again = await importRecipients(db, csv(RECIPIENT_HEADER, ...rows), { now: NOW, batchSize: 2 });
      expect(again).toMatchObject({ read: 5, created: 0, updated: 0, unchanged: 5, rejected: [] });
      expect(await storedRecipients()).toEqual(before); // updatedAt included: nothing was written

      // Same data written differently (semicolons, BOM, other phone format) is still "unchanged".
      const semicolons = [RECIPIENT_HEADER, ...rows].map((row) => row.join(';')).join('\r\n');
      const reformatted = '\uFEFF' + semicolons.replace('0812-0000-0001', '+6281200000001');
      expect(await importRecipients(db, reformatted, { now: NOW })).toMatchObject({ unchanged: 5, updated: 0 });

      const changed = await importRecipients(
        db,
        csv(RECIPIENT_HEADER, recipientRow(1, { desa: 'Mekarcontoh', telepon: '' }), recipientRow(2), recipientRow(6)),
        { now: NOW },
      );
      expect(changed).toMatchObject({ read: 3, created: 1, updated: 1, unchanged: 1 });
      const first = await db.prisma.recipient.findUniqueOrThrow({ where: { nik: nik(1) } });
      expect(first).toMatchObject({ village: 'Mekarcontoh', phone: null, id: before[0]?.id });
      expect(await db.prisma.recipient.count()).toBe(6);
    });

    it('writes in batches and reports progress up to the total, with the rows refused so far', async () => {
      const rows = Array.from({ length: 25 }, (_, i) => recipientRow(i + 1));
      const progress: ImportProgress[] = [];
      const report = await importRecipients(db, csv(RECIPIENT_HEADER, ...rows, recipientRow(99, { nama: '' })), {
        now: NOW,
        batchSize: 10,
        onProgress: (step) => progress.push(step),
      });
      expect(report).toMatchObject({ read: 26, created: 25 });
      expect(progress).toEqual([
        { done: 1, total: 26, rejected: 1 },
        { done: 11, total: 26, rejected: 1 },
        { done: 21, total: 26, rejected: 1 },
        { done: 26, total: 26, rejected: 1 },
      ]);
      expect(await db.prisma.recipient.count()).toBe(25);
    });

    it('imports nothing when the header is wrong', async () => {
      await expect(importRecipients(db, csv(['nik', 'nama'], [nik(1), 'A']), { now: NOW })).rejects.toMatchObject({
        name: 'CsvFormatError',
        problem: { code: 'missing-columns', columns: ['no_kk', 'telepon', 'kabupaten_kota', 'kecamatan', 'desa'] },
      });
      expect(await db.prisma.recipient.count()).toBe(0);
    });
  });
}
