import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPrograms } from '../../src/importing/import-programs.js';
import { importRecipients } from '../../src/importing/import-recipients.js';
import { importStages } from '../../src/importing/import-stages.js';
import { exportFileName, exportRecipients } from '../../src/reporting/export-recipients.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { csv, nik, NOW, PROGRAMS_CSV, RECIPIENT_HEADER, recipientRow, STAGE_HEADER } from '../importing/fixtures.js';

/** A writable that keeps what it gets; `slow` makes it drain late, as a slow download does. */
function sink(options: { slow?: boolean } = {}) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: 64,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      if (options.slow) setImmediate(done);
      else done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`exportRecipients on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await backend.open();
      await importPrograms(db, PROGRAMS_CSV);
      await importRecipients(
        db,
        csv(
          RECIPIENT_HEADER,
          recipientRow(1, { nama: '"Siti ""Ibu"" Rahayu; Contoh"' }),
          recipientRow(2, { kabupaten_kota: 'Kabupaten Serang' }),
          recipientRow(3),
          recipientRow(4, { desa: 'Sukamaju' }),
        ),
        { now: NOW },
      );
      await importStages(
        db,
        csv(
          STAGE_HEADER,
          // KPM 1: UEP goods received (furthest, though dated before "verified"), Jamsosratu sent.
          [nik(1), 'UEP', 'terdaftar', '2021-01-18', '', '', '', ''],
          [nik(1), 'UEP', 'barang-diterima', '2021-10-14', 'Rp2.500.000', '', 'serah terima barang', 'Kec. Taktakan'],
          [nik(1), 'UEP', 'diverifikasi', '2021-11-01', '', '', '', ''],
          [nik(1), 'JAMSOSRATU', 'dana-dikirim', '2020-12-07', '', '', 'BRI', 'BRI KC Serang'],
          [nik(2), 'UEP', 'terdaftar', '2021-01-18', '', '', '', ''],
          [nik(4), 'JAMSOSRATU', 'dicairkan', '2020-12-14', '350000', '', 'BRI', ''],
        ),
        { now: NOW },
      );
    });
    afterAll(async () => {
      await db.dispose();
    });

    const expectedRows = [
      [nik(1), 'Siti "Ibu" Rahayu; Contoh', 'Kota Serang', 'Taktakan', 'Sukacontoh', 'Jamsosratu', 'Dana dikirim ke bank penyalur', '2020-12-07', '', 'BRI', 'BRI KC Serang'],
      [nik(1), 'Siti "Ibu" Rahayu; Contoh', 'Kota Serang', 'Taktakan', 'Sukacontoh', 'Usaha Ekonomi Produktif', 'Barang diterima', '2021-10-14', '2500000', 'serah terima barang', 'Kec. Taktakan'],
      [nik(3), 'Warga Contoh 3', 'Kota Serang', 'Taktakan', 'Sukacontoh', '', '', '', '', '', ''],
      [nik(4), 'Warga Contoh 4', 'Kota Serang', 'Taktakan', 'Sukamaju', 'Jamsosratu', 'Dicairkan', '2020-12-14', '350000', 'BRI', ''],
    ];

    it('writes CSV for Excel: BOM, ";", Indonesian headers, the current stage per program, only the scope, across pages', async () => {
      const out = sink({ slow: true });
      const counts = await exportRecipients(db, out.stream, {
        format: 'csv', language: 'id', scope: { regency: 'Kota Serang' }, pageSize: 2,
      });
      expect(counts).toEqual({ recipients: 3, rows: 4 });
      const text = out.bytes().toString('utf8');
      expect(text.startsWith('\uFEFFNIK;Nama;Kabupaten/Kota;')).toBe(true);
      const [header, ...rows] = parse(text, { bom: true, delimiter: ';' }) as string[][];
      expect(header).toEqual([
        'NIK', 'Nama', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Program', 'Tahap saat ini', 'Tanggal tahap', 'Nominal (Rp)', 'Saluran', 'Lokasi',
      ]);
      expect(rows).toEqual(expectedRows);
      expect(out.stream.writableFinished).toBe(true);
    });

    it('writes CSV with "," when asked', async () => {
      const out = sink();
      await exportRecipients(db, out.stream, { format: 'csv', language: 'en', delimiter: ',', scope: { id: -1 } });
      expect(out.bytes().toString('utf8')).toBe(
        '\uFEFFNIK,Name,Regency/City,District,Village,Program,Current stage,Stage date,Amount (Rp),Channel,Place\r\n',
      );
    });

    it('writes XLSX with NIKs as text, real dates and numeric amounts, English headers', async () => {
      const out = sink({ slow: true });
      const counts = await exportRecipients(db, out.stream, { format: 'xlsx', language: 'en', scope: { regency: 'Kota Serang' }, pageSize: 3 });
      expect(counts).toEqual({ recipients: 3, rows: 4 });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(out.bytes() as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe('Recipients');
      const values = (rowNumber: number) => (sheet.getRow(rowNumber).values as unknown[]).slice(1);
      expect(values(1)).toEqual([
        'NIK', 'Name', 'Regency/City', 'District', 'Village', 'Program', 'Current stage', 'Stage date', 'Amount (Rp)', 'Channel', 'Place',
      ]);
      expect(sheet.rowCount).toBe(5);
      expect(values(3)).toEqual([
        nik(1), 'Siti "Ibu" Rahayu; Contoh', 'Kota Serang', 'Taktakan', 'Sukacontoh', 'Productive Economic Enterprise', 'Goods received',
        new Date('2021-10-14T00:00:00Z'), 2_500_000, 'serah terima barang', 'Kec. Taktakan',
      ]);
      expect(typeof sheet.getCell('A3').value).toBe('string');
      expect(sheet.getCell('I3').numFmt).toBe('#,##0');
      expect(values(4).slice(0, 5)).toEqual([nik(3), 'Warga Contoh 3', 'Kota Serang', 'Taktakan', 'Sukacontoh']);
      expect(values(4).slice(5).filter((value) => value !== undefined && value !== null)).toEqual([]);
    });

    it('names the download by the WIB date', () => {
      expect(exportFileName('xlsx', 'id', new Date('2026-11-27T18:00:00Z'))).toBe('penerima-2026-11-28.xlsx');
      expect(exportFileName('csv', 'en', new Date('2026-11-27T01:00:00Z'))).toBe('recipients-2026-11-27.csv');
    });
  });
}
