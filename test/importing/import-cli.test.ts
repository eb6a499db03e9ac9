import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      env = { DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
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
      expect(programs.stdout).toMatch(/Baru\s+\(created\):\s+5/);

      const recipients = await cli(env, 'recipients', file('penerima.csv', recipientsCsv));
      expect(recipients.code).toBe(0);
      expect(recipients.stdout).toMatch(/Baris dibaca\s+\(read\):\s+3/);
      expect(recipients.stdout).toMatch(/Baru\s+\(created\):\s+2/);
      expect(recipients.stdout).toMatch(/Ditolak\s+\(rejected\):\s+1/);
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
      expect(stages.stdout).toMatch(/Baru\s+\(created\):\s+2/);
      expect(stages.stdout).toContain('baris 4: NIK ini belum terdaftar sebagai KPM');
      expect(stages.stdout).not.toContain(nik(4));

      const again = await cli(env, 'recipients', join(dir, 'penerima.csv'));
      expect(again.stdout).toMatch(/Tidak berubah\s+\(unchanged\):\s+2/);
      expect(again.stdout).toMatch(/Baru\s+\(created\):\s+0/);

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
    }, CLI_TEST_TIMEOUT_MS);
  });
}
