import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_KINDS, importLanguage, importMessages } from '../../src/cli/import-messages.js';
import { createTranslator, LANGUAGES } from '../../src/i18n/create-translator.js';
import type { CsvFormatProblem } from '../../src/importing/csv/csv-format-error.js';
import type { RejectionReason } from '../../src/importing/rejection-reason.js';
import { STAGE_COLUMNS } from '../../src/importing/rows/stage-row.js';
import { emptyReport } from '../../src/importing/validation-report.js';
import { openDatabase } from '../../src/storage/database.js';
import { createEmptyPostgresDatabase } from '../support/backends.js';
import { csv, nik, PROGRAMS_CSV, RECIPIENT_HEADER, recipientRow, STAGE_HEADER } from './fixtures.js';

const run = promisify(execFile);
const repo = new URL('../..', import.meta.url).pathname;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Child processes start slowly on a busy machine: each run opens and migrates the database. */
const CLI_TEST_TIMEOUT_MS = 240_000;

/** Runs `tsx src/cli/import.ts …` as the operator would (npm run import -- …). */
async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  try {
    // The repository's own tsx, as `npm run import` uses it (npx would add npm's start-up to each run).
    const tsx = join(repo, 'node_modules', '.bin', 'tsx');
    const { stdout, stderr } = await run(tsx, ['src/cli/import.ts', ...args], { cwd: repo, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const recipientsCsv = csv(RECIPIENT_HEADER, recipientRow(1), recipientRow(2, { telepon: '021-5550123' }), recipientRow(3));
const stagesCsv = csv(
  STAGE_HEADER,
  [nik(1), 'UEP', 'terdaftar', '2021-01-18', '', '', '', ''],
  [nik(3), 'UEP', 'diverifikasi', '2021-03-15', '', '', '', ''],
  [nik(4), 'UEP', 'terdaftar', '2021-01-18', '', '', '', ''],
);

const targets = [
  { kind: 'pglite', skip: undefined },
  { kind: 'postgres', skip: process.env.TEST_DATABASE_URL ? undefined : 'TEST_DATABASE_URL is not set' },
] as const;

for (const target of targets) {
  describe.skipIf(target.skip)(`npm run import on ${target.kind}`, () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let drop = async () => {};
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kpm-import-cli-'));
      // IMPORT_LANGUAGE unset: the operator reads Indonesian, whatever the surrounding shell says.
      env = { DATA_DIR: join(dir, 'data'), DATABASE_URL: '', IMPORT_LANGUAGE: '' };
      if (target.kind === 'postgres') {
        const database = await createEmptyPostgresDatabase();
        env.DATABASE_URL = database.url;
        drop = database.drop;
      }
    });
    afterAll(async () => {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports programs, recipients and stages and prints the Indonesian report', async () => {
      const programs = await cli(env, 'programs', file('program.csv', PROGRAMS_CSV));
      expect(programs.code).toBe(0);
      expect(programs.stdout).toContain('Laporan impor program dan tahapnya');
      expect(programs.stdout).toMatch(/Baru ditambahkan:\s+5/);
      expect(programs.stdout).toMatch(/Tahap dihapus:\s+0/);
      expect(programs.stdout).toContain('Semua baris diterima');

      const recipients = await cli(env, 'recipients', file('penerima.csv', recipientsCsv));
      expect(recipients.code).toBe(0);
      expect(recipients.stdout).toContain('Laporan impor data penerima manfaat (KPM)');
      expect(recipients.stdout).toMatch(/Baris data dibaca:\s+3/);
      expect(recipients.stdout).toMatch(/Baru ditambahkan:\s+2/);
      expect(recipients.stdout).toMatch(/Ditolak:\s+1/);
      expect(recipients.stdout).not.toContain('Tahap dihapus');
      expect(recipients.stdout).toContain('baris 3: nomor telepon bukan nomor HP Indonesia');
      // No progress bar when stderr is not a terminal, and no personal data in any output.
      expect(recipients.stderr).not.toContain('Mengimpor');
      for (const output of [recipients.stdout, recipients.stderr]) {
        expect(output).not.toContain(nik(1));
        expect(output).not.toContain('Warga Contoh');
        expect(output).not.toContain('0000-0001');
      }

      const stages = await cli(env, 'stages', file('tahap.csv', stagesCsv));
      expect(stages.code).toBe(0);
      expect(stages.stdout).toMatch(/Baru ditambahkan:\s+2/);
      expect(stages.stdout).toContain('baris 4: NIK ini belum terdaftar sebagai KPM');
      expect(stages.stdout).not.toContain(nik(4));

      // The same file again, reported in English.
      const again = await cli({ ...env, IMPORT_LANGUAGE: 'en' }, 'recipients', join(dir, 'penerima.csv'));
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Import report for recipients (KPM)');
      expect(again.stdout).toMatch(/Unchanged:\s+2/);
      expect(again.stdout).toMatch(/Created:\s+0/);
      expect(again.stdout).toContain('line 3: the phone number is not an Indonesian mobile number');
      expect(again.stdout).not.toContain('baris');

      const db = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: join(dir, 'data', 'pglite') });
      try {
        expect(await db.prisma.recipient.count()).toBe(2);
        expect(await db.prisma.stageEvent.count()).toBe(2);
      } finally {
        await db.close();
      }
    }, CLI_TEST_TIMEOUT_MS);

    it('exits 1 with a clear message for a missing file, an unknown kind or a bad header', async () => {
      const missing = await cli(env, 'recipients', join(dir, 'tidak-ada.csv'));
      expect(missing).toMatchObject({ code: 1 });
      expect(missing.stderr).toContain('File tidak ditemukan');

      const unknown = await cli(env, 'penerima', file('x.csv', recipientsCsv));
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Jenis impor "penerima" tidak dikenal');

      const header = await cli(env, 'stages', file('salah.csv', csv(['nik', 'program', 'tahap'], [nik(1), 'UEP', 'terdaftar'])));
      expect(header.code).toBe(1);
      expect(header.stderr).toContain('kurang kolom: tanggal, nominal, keterangan');
      expect(header.stdout).toBe('');

      const usage = await cli(env);
      expect(usage.code).toBe(1);
      expect(usage.stderr).toContain('Cara pakai');

      const english = await cli({ ...env, IMPORT_LANGUAGE: 'en' }, 'stages', join(dir, 'salah.csv'));
      expect(english.code).toBe(1);
      expect(english.stderr).toContain('lacks columns: tanggal, nominal, keterangan');

      const language = await cli({ ...env, IMPORT_LANGUAGE: 'fr' }, 'recipients', join(dir, 'x.csv'));
      expect(language.code).toBe(1);
      expect(language.stderr).toContain('Bahasa "fr" pada IMPORT_LANGUAGE tidak dikenal');
      expect(language.stderr).toContain('Unknown language "fr" in IMPORT_LANGUAGE');
      expect(language.stdout).toBe('');
    }, CLI_TEST_TIMEOUT_MS);
  });
}

/** One example of every rejection reason (and every NIK problem): the compiler insists on each code. */
const REASONS: { [C in RejectionReason['code']]: Extract<RejectionReason, { code: C }>[] } = {
  'column-count': [{ code: 'column-count', expected: 7, found: 6 }],
  required: [{ code: 'required', column: 'nama' }],
  'too-long': [{ code: 'too-long', column: 'desa', max: 120 }],
  'excel-number': [{ code: 'excel-number', column: 'nik' }],
  nik: [
    { code: 'nik', column: 'nik', problem: 'empty' },
    { code: 'nik', column: 'nik', problem: 'non-digit' },
    { code: 'nik', column: 'nik', problem: 'length' },
    { code: 'nik', column: 'nik', problem: 'length', length: 15 },
    { code: 'nik', column: 'nik', problem: 'unknown-province' },
    { code: 'nik', column: 'nik', problem: 'invalid-birth-date' },
    { code: 'nik', column: 'nik', problem: 'invalid-serial' },
  ],
  kk: [{ code: 'kk' }],
  phone: [{ code: 'phone' }],
  'contact-phone': [{ code: 'contact-phone' }],
  'date-format': [{ code: 'date-format' }],
  'date-invalid': [{ code: 'date-invalid' }],
  'date-future': [{ code: 'date-future' }],
  amount: [{ code: 'amount' }],
  'code-format': [{ code: 'code-format', column: 'program' }],
  position: [{ code: 'position' }],
  duplicate: [{ code: 'duplicate', firstLine: 2 }],
  'duplicate-position': [{ code: 'duplicate-position', firstLine: 3 }],
  'program-name-mismatch': [{ code: 'program-name-mismatch', firstLine: 4 }],
  'unknown-program': [
    { code: 'unknown-program', program: 'UEQ' },
    { code: 'unknown-program', program: 'UEQ', suggestion: 'UEP' },
  ],
  'unknown-stage': [
    { code: 'unknown-stage', program: 'UEP', stage: 'terdaftarr' },
    { code: 'unknown-stage', program: 'UEP', stage: 'terdaftarr', suggestion: 'terdaftar' },
  ],
  'unknown-recipient': [{ code: 'unknown-recipient' }],
  'stage-in-use': [{ code: 'stage-in-use', program: 'UEP', stage: 'diverifikasi', events: 12 }],
  'program-not-changed': [{ code: 'program-not-changed', program: 'UEP', line: 5 }],
};

const CSV_PROBLEMS: CsvFormatProblem[] = [
  { code: 'empty-file' },
  { code: 'no-delimiter' },
  { code: 'missing-columns', columns: ['tanggal'] },
  { code: 'unknown-columns', columns: ['tangal'] },
  { code: 'duplicate-columns', columns: ['nik'] },
  { code: 'broken-csv', line: 7 },
  { code: 'broken-csv', line: undefined },
];

/** Every value a reason carries, as the operator should see it in the sentence. */
function shownValues(reason: RejectionReason): string[] {
  return Object.entries(reason)
    .filter(([name]) => name !== 'code' && name !== 'problem' && !(reason.code === 'nik' && name === 'column'))
    .map(([, value]) => String(value));
}

describe('import CLI wording', () => {
  const t = createTranslator();
  const byLanguage = Object.fromEntries(LANGUAGES.map((language) => [language, importMessages(t, language)]));
  const untranslated = /import\.|\{\{|undefined/;

  it('takes the language from IMPORT_LANGUAGE: Indonesian unless en', () => {
    expect(importLanguage(undefined)).toBe('id');
    expect(importLanguage('')).toBe('id');
    expect(importLanguage('id')).toBe('id');
    expect(importLanguage(' EN ')).toBe('en');
    expect(importLanguage('fr')).toBeUndefined();
  });

  it('words every rejection reason in both languages with its lines, columns and codes', () => {
    for (const reason of Object.values(REASONS).flat()) {
      for (const kind of IMPORT_KINDS) {
        const id = byLanguage['id']!.describeReason(reason, kind);
        const en = byLanguage['en']!.describeReason(reason, kind);
        for (const text of [id, en]) {
          expect(text, `${reason.code} ${kind}`).not.toMatch(untranslated);
          for (const value of shownValues(reason)) expect(text, `${reason.code} ${kind}`).toContain(value);
        }
        expect(en, `${reason.code} ${kind}`).not.toBe(id);
      }
    }
  });

  it('words every CSV format problem in both languages', () => {
    for (const problem of CSV_PROBLEMS) {
      for (const messages of Object.values(byLanguage)) {
        const text = messages.csvProblem(problem, STAGE_COLUMNS);
        expect(text, problem.code).not.toMatch(untranslated);
        if ('columns' in problem) expect(text).toContain(problem.columns[0]);
      }
    }
    expect(byLanguage['id']!.csvProblem({ code: 'no-delimiter' }, STAGE_COLUMNS)).toContain('boleh ditambah: saluran,lokasi');
    expect(byLanguage['en']!.csvProblem({ code: 'broken-csv', line: 7 }, STAGE_COLUMNS)).toContain('around line 7');
  });

  it('lines the report numbers up in one column and lists rejected rows by line', () => {
    const report = { ...emptyReport('programs'), read: 12, created: 10, rejected: [{ line: 5, reasons: REASONS['duplicate'] }] };
    for (const messages of Object.values(byLanguage)) {
      const text = messages.formatReport(report, 'program.csv');
      expect(text).not.toMatch(untranslated);
      const counts = text.split('\n').filter((line) => /^  \S.*:\s+\d+$/.test(line));
      expect(counts).toHaveLength(6); // read, created, updated, unchanged, rejected, removed
      expect(new Set(counts.map((line) => line.search(/\d+$/))).size).toBe(1);
      expect(text).toContain('program.csv');
    }
    expect(byLanguage['id']!.formatReport(report, 'program.csv')).toContain(
      '  baris 5: tahap yang sama untuk program ini sudah ada di baris 2',
    );
    expect(byLanguage['en']!.formatReport(report, 'program.csv')).toContain(
      '  line 5: the same stage of this program is already on line 2',
    );
  });

  it('keeps the progress bar placeholders for cli-progress', () => {
    for (const messages of Object.values(byLanguage)) {
      const format = messages.progressFormat('stages');
      for (const placeholder of ['{bar}', '{percentage}', '{value}', '{total}']) expect(format).toContain(placeholder);
    }
  });
});
