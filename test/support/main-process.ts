import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/storage/database.js';
import { applyMigrations } from '../../src/storage/migrations/apply-migrations.js';
import { waitUntil } from './wait-until.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** `npm start` (or another entry point) as a child process, tsx in one node process, its output kept whole. */
export interface MainProcess {
  pid: number;
  /** Writes to its standard input (spawned with `stdin: true`); `end()` closes it (Ctrl-D). */
  input: NodeJS.WritableStream | null;
  /** stdout and stderr as received, interleaved. */
  output(): string;
  /** Resolves with the exit code (null when ended by a signal). */
  exited: Promise<number | null>;
  /** Resolves with the first output line matching `pattern` (bounded poll). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  signal(name: NodeJS.Signals): void;
}

/**
 * Starts src/main.ts with exactly `env` (plus PATH and HOME): nothing leaks in from the test
 * process, such as TEST_DATABASE_URL. Kill it (or let it exit) before the test ends.
 */
export function spawnMain(env: Record<string, string>, options: { script?: string; stdin?: boolean } = {}): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', options.script ?? 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    wake();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      ended = true;
      resolve(code);
      wake();
    }),
  );
  return {
    pid: child.pid ?? 0,
    input: child.stdin,
    output: () => output,
    exited,
    async waitForLine(pattern, timeoutMs = 240_000) {
      const found = await waitUntil(
        waiters,
        () => output.split('\n').find((line) => pattern.test(line)) ?? (ended ? null : undefined),
        timeoutMs,
        () => `a line matching ${pattern} in:\n${output}`,
      );
      if (found === null) throw new Error(`exited without a line matching ${pattern}; output:\n${output}`);
      return found;
    },
    signal(name) {
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
    },
  };
}

let template: string | undefined;

/**
 * A DATA_DIR holding a migrated, empty embedded database: created once per test worker and
 * copied, so each child process skips creating and migrating a cluster.
 */
export async function migratedDataDir(): Promise<{ path: string; remove(): void }> {
  if (!template) {
    const dir = mkdtempSync(join(tmpdir(), 'kpm-template-'));
    const db = await openDatabase({ dataDir: join(dir, 'pglite') });
    await applyMigrations(db);
    await db.close();
    template = dir;
  }
  const path = mkdtempSync(join(tmpdir(), 'kpm-data-'));
  cpSync(template, path, { recursive: true });
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
