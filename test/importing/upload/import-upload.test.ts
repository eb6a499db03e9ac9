import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importUpload } from '../../../src/importing/upload/import-upload.js';
import { DEMO_SEED_DIR } from '../../../src/seed/seed-demo-data.js';
import type { Database } from '../../../src/storage/database.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { csv, nik, NOW, PROGRAMS_CSV, RECIPIENT_HEADER, recipientRow, STAGE_HEADER } from '../fixtures.js';
import { csvAsSheetRows, xlsxOf } from './xlsx-fixtures.js';

const demo = (name: string) => readFileSync(`${DEMO_SEED_DIR}/${name}`, 'utf8');
const DEMO_FILES = [
  ['programs', 'programs.csv'],
  ['recipients', 'demo-recipients.csv'],
  ['stages', 'demo-stages.csv'],
] as const;
// The demo stages are dated up to 2022; "now" must be after them.
const DEMO_NOW = new Date('2026-01-01T00:00:00Z');

/** Everything an import writes, without ids and timestamps, to compare two databases. */
async function contents(db: Database) {
  const programs = await db.prisma.program.findMany({ orderBy: { code: 'asc' }, include: { stages: { orderBy: { position: 'asc' } } } });
  const recipients = await db.prisma.recipient.findMany({
    orderBy: { nik: 'asc' },
    select: { nik: true, fullName: true, kkNumber: true, phone: true, regency: true, district: true, village: true },
  });
  const events = await db.prisma.stageEvent.findMany({
    select: {
      recipient: { select: { nik: true } }, programCode: true, stageCode: true, occurredOn: true,
      amount: true, channel: true, place: true, note: true,
    },
  });
  events.sort((a, b) => `${a.recipient.nik}${a.programCode}${a.stageCode}`.localeCompare(`${b.recipient.nik}${b.programCode}${b.stageCode}`));
  return { programs, recipients, events };
}

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`importUpload on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
    });
    afterEach(async () => {
      await db.dispose();
    });

    it('imports the demo files as XLSX exactly as it imports them as CSV, and a re-import changes nothing', async () => {
      const viaCsv = await backend.open();
      try {
        for (const [kind, file] of DEMO_FILES) {
          const fromCsv = await importUpload(viaCsv, kind, Buffer.from(demo(file)), { now: DEMO_NOW });
          const fromXlsx = await importUpload(db, kind, await xlsxOf(csvAsSheetRows(demo(file))), { now: DEMO_NOW });
          expect(fromCsv).toMatchObject({ ok: true, format: 'csv' });
          expect(fromXlsx).toMatchObject({ ok: true, format: 'xlsx' });
          if (!fromCsv.ok || !fromXlsx.ok) return;
          expect(fromCsv.report.created).toBeGreaterThan(0);
          expect(fromCsv.report.rejected).toEqual([]);
          expect(fromXlsx.report).toEqual(fromCsv.report);
        }
        const stored = await contents(db);
        expect(stored.events.length).toBeGreaterThan(40);
        expect(stored).toEqual(await contents(viaCsv));

        for (const [kind, file] of DEMO_FILES) {
          const again = await importUpload(db, kind, await xlsxOf(csvAsSheetRows(demo(file))), { now: DEMO_NOW });
          expect(again.ok && again.report).toMatchObject({ created: 0, updated: 0, removed: 0, rejected: [] });
          expect(again.ok && again.report.unchanged).toBe(again.ok && again.report.read);
        }
        expect(await contents(db)).toEqual(stored);
      } finally {
        await viaCsv.dispose();
      }
    });

    it('keeps the good rows of an XLSX and refuses the bad ones by their Excel row number', async () => {
      await importUpload(db, 'programs', Buffer.from(PROGRAMS_CSV));
      const sheet = await xlsxOf([
        RECIPIENT_HEADER, //                                                   row 1
        recipientRow(1), //                                                    row 2
        [Number(nik(2)), 'Warga Dua', null, null, 'Kota Serang', 'Taktakan', 'Sukacontoh'], // 3: NIK typed as a number
        [], //                                                                 row 4: empty, skipped
        recipientRow(3, { nama: '' }), //                                      row 5
        recipientRow(4, { telepon: '021-5550123' }), //                        row 6
        [...recipientRow(5), 'extra'], //                                      row 7: a cell beyond the header
        [nik(6), 'Warga\nEnam', null, 812_0000_0006, 'Kota Serang', 'Taktakan', 'Sukacontoh'], // row 8: phone as a number
      ]);
      const result = await importUpload(db, 'recipients', sheet, { now: NOW });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.report).toMatchObject({ kind: 'recipients', read: 6, created: 2, updated: 0, unchanged: 0 });
      expect(result.report.rejected).toEqual([
        { line: 3, reasons: [{ code: 'excel-number', column: 'nik' }] },
        { line: 5, reasons: [{ code: 'required', column: 'nama' }] },
        { line: 6, reasons: [{ code: 'phone' }] },
        { line: 7, reasons: [{ code: 'column-count', expected: 7, found: 8 }] },
      ]);
      const stored = await db.prisma.recipient.findMany({ orderBy: { nik: 'asc' }, select: { nik: true, fullName: true, phone: true } });
      expect(stored).toEqual([
        { nik: nik(1), fullName: 'Warga Contoh 1', phone: '+6281200000001' },
        { nik: nik(6), fullName: 'Warga Enam', phone: '+6281200000006' },
      ]);
    });

    it('keeps good rows and names bad ones in an uploaded CSV with ";" and a BOM, read from a stream', async () => {
      await importUpload(db, 'programs', Buffer.from(PROGRAMS_CSV));
      await importUpload(db, 'recipients', Buffer.from(csv(RECIPIENT_HEADER, recipientRow(1))), { now: NOW });
      const text = `\uFEFF${STAGE_HEADER.join(';')}\n${nik(1)};UEP;terdaftar;2021-01-18;;;;\n${nik(1)};UEP;diverifikasi;2099-01-01;;;;\n`;
      const progress: { done: number; total: number; rejected?: number }[] = [];
      const result = await importUpload(db, 'stages', Readable.from([Buffer.from(text.slice(0, 30)), Buffer.from(text.slice(30))]), {
        now: NOW,
        onProgress: (step) => progress.push(step),
      });
      expect(result).toMatchObject({ ok: true, format: 'csv', report: { read: 2, created: 1, rejected: [{ line: 3, reasons: [{ code: 'date-future' }] }] } });
      expect(progress.at(-1)).toEqual({ done: 2, total: 2, rejected: 1 });
    });

    it('refuses a garbage file, an old .xls, a broken XLSX and a file of the wrong kind, importing nothing', async () => {
      const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x00, 0x42]);
      expect(await importUpload(db, 'recipients', garbage)).toEqual({ ok: false, problem: { code: 'unreadable' } });
      const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
      expect(await importUpload(db, 'recipients', xls)).toEqual({ ok: false, problem: { code: 'old-excel' } });
      const brokenZip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]);
      expect(await importUpload(db, 'recipients', brokenZip)).toEqual({ ok: false, problem: { code: 'unreadable' } });
      const truncated = (await xlsxOf([RECIPIENT_HEADER, recipientRow(1)])).subarray(0, 600);
      expect(await importUpload(db, 'recipients', truncated)).toEqual({ ok: false, problem: { code: 'unreadable' } });

      // A stages file uploaded as recipients, as CSV and as XLSX: the header says so.
      const stagesCsv = csv(STAGE_HEADER, [nik(1), 'UEP', 'terdaftar', '2021-01-18', '', '', '', '']);
      const wrongCsv = await importUpload(db, 'recipients', Buffer.from(stagesCsv));
      expect(wrongCsv).toMatchObject({ ok: false, problem: { code: 'format', problem: { code: 'unknown-columns' } } });
      const wrongXlsx = await importUpload(db, 'recipients', await xlsxOf(csvAsSheetRows(stagesCsv)));
      expect(wrongXlsx).toEqual(wrongCsv);
      expect(await importUpload(db, 'recipients', await xlsxOf([]))).toMatchObject({
        ok: false,
        problem: { code: 'format', problem: { code: 'empty-file' } },
      });
      expect(await db.prisma.recipient.count()).toBe(0);
    });

    it('refuses politely a file over the size or row limit, before importing anything', async () => {
      const rows = [RECIPIENT_HEADER, recipientRow(1), recipientRow(2), recipientRow(3)];
      const big = Buffer.from(csv(...rows));
      let chunksRead = 0;
      async function* slowStream() {
        for (let i = 0; i < 1000; i++) {
          chunksRead++;
          yield big;
        }
      }
      expect(await importUpload(db, 'recipients', slowStream(), { limits: { maxBytes: 2 * big.length } })).toEqual({
        ok: false,
        problem: { code: 'too-large', maxBytes: 2 * big.length },
      });
      expect(chunksRead).toBe(3);
      const limits = { maxRows: 2 };
      expect(await importUpload(db, 'recipients', big, { limits, now: NOW })).toEqual({
        ok: false,
        problem: { code: 'too-many-rows', maxRows: 2 },
      });
      expect(await importUpload(db, 'recipients', await xlsxOf(rows), { limits, now: NOW })).toEqual({
        ok: false,
        problem: { code: 'too-many-rows', maxRows: 2 },
      });
      expect(await importUpload(db, 'recipients', await xlsxOf(rows.slice(0, 3)), { limits, now: NOW })).toMatchObject({
        ok: true,
        report: { created: 2 },
      });
      expect(await importUpload(db, 'recipients', await xlsxOf(rows), { limits: { maxUnpackedBytes: 1000 } })).toMatchObject({
        ok: false,
        problem: { code: 'too-large' },
      });
      expect(await db.prisma.recipient.count()).toBe(2);
    });
  });
}
