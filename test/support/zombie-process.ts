import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { expect } from 'vitest';
import { parseProcStat } from '../../src/system/process-probe.js';

/**
 * Runs `use` with the pid of a real zombie: a child that exits after a second, once its parent
 * has become `sleep`, which never reaps it, as a process killed with -9 is until its parent waits
 * for it. (A child that exited before the `exec` could be reaped by the shell itself.)
 */
export async function withZombie(use: (pid: number) => void | Promise<void>): Promise<void> {
  const parent = spawn('sh', ['-c', 'sleep 1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const zombie = Number(await new Promise<string>((resolve) => createInterface({ input: parent.stdout! }).once('line', resolve)));
    await expect.poll(() => parseProcStat(readFileSync(`/proc/${zombie}/stat`, 'utf8'))?.state, { timeout: 30_000 }).toBe('Z');
    await use(zombie);
  } finally {
    parent.kill('SIGKILL');
  }
}
