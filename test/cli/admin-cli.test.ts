import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/dashboard/security/password.js';
import { openDatabase } from '../../src/storage/database.js';
import { createEmptyPostgresDatabase } from '../support/backends.js';

const run = promisify(execFile);
const repo = new URL('../..', import.meta.url).pathname;
/** Child processes start slowly on a busy machine: each run opens and migrates the database. */
const CLI_TEST_TIMEOUT_MS = 240_000;

async function admin(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(repo, 'node_modules', '.bin', 'tsx'), ['src/cli/admin.ts', ...args], { cwd: repo, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const targets = [
  { kind: 'pglite', skip: undefined },
  { kind: 'postgres', skip: process.env.TEST_DATABASE_URL ? undefined : 'TEST_DATABASE_URL is not set' },
] as const;

for (const target of targets) {
  describe.skipIf(target.skip)(`npm run admin on ${target.kind}`, () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let drop = async () => {};
    const user = async () => {
      const db = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: join(dir, 'data', 'pglite') });
      try {
        return await db.prisma.staffUser.findUniqueOrThrow({ where: { username: 'siti.operator' } });
      } finally {
        await db.close();
      }
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kpm-admin-cli-'));
      env = { DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ADMIN_LANGUAGE: '' };
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

    it(
      'creates an account with a one-time password, refuses a taken name, resets and disables',
      async () => {
        const created = await admin(env, 'create-user', 'Siti.Operator', 'operator', 'Siti Operator');
        expect(created.code).toBe(0);
        const first = /Kata sandi sekali pakai: (\S+)/.exec(created.stdout)?.[1];
        expect(first).toMatch(/^\S{16}$/);
        let stored = await user();
        expect([stored.role, stored.mustChangePassword, stored.disabled]).toEqual(['operator', true, false]);
        expect(await verifyPassword(stored.passwordHash, first!)).toBe(true);

        const taken = await admin(env, 'create-user', 'siti.operator', 'auditor', 'Lain');
        expect(taken.code).toBe(1);
        expect(taken.stderr).toContain('sudah dipakai');

        const reset = await admin(env, 'reset-password', 'siti.operator');
        const second = /Kata sandi sekali pakai: (\S+)/.exec(reset.stdout)?.[1];
        stored = await user();
        expect(await verifyPassword(stored.passwordHash, second!)).toBe(true);
        expect(await verifyPassword(stored.passwordHash, first!)).toBe(false);

        expect((await admin(env, 'disable', 'siti.operator')).code).toBe(0);
        expect((await user()).disabled).toBe(true);

        const usage = await admin(env, 'create-user', 'x');
        expect(usage.code).toBe(1);
        expect(usage.stderr).toContain('Cara pakai');
        const role = await admin(env, 'create-user', 'budi', 'superuser', 'Budi');
        expect(role.stderr).toContain('Peran tidak dikenal');
      },
      CLI_TEST_TIMEOUT_MS * 2,
    );
  });
}
