import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseInUseError, lockDataDir } from '../../src/storage/pglite-lock.js';
import { parseProcStat, procfsProbe, type ProcessProbe } from '../../src/system/process-probe.js';
import { withZombie } from '../support/zombie-process.js';

let dir: string;
const pidFile = () => join(dir, 'kpm-assistant.pid');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpm-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A process table of our own: pid → state and start time. */
function fakeProcesses(table: Record<number, { state: 'running' | 'gone'; startTime?: string }>): ProcessProbe {
  return {
    state: (pid) => table[pid]?.state ?? 'gone',
    startTime: (pid) => table[pid]?.startTime,
  };
}

describe('lockDataDir', () => {
  it('refuses while the holder runs', () => {
    writeFileSync(pidFile(), '4242 1000');
    const probe = fakeProcesses({ 4242: { state: 'running', startTime: '1000' }, [process.pid]: { state: 'running', startTime: '5' } });
    expect(() => lockDataDir(dir, probe)).toThrow(DatabaseInUseError);
    expect(readFileSync(pidFile(), 'utf8')).toBe('4242 1000');
  });

  it('takes over from a zombie (killed, not yet reaped)', () => {
    writeFileSync(pidFile(), '4242 1000');
    const probe = fakeProcesses({ 4242: { state: 'gone', startTime: '1000' }, [process.pid]: { state: 'running', startTime: '5' } });
    const unlock = lockDataDir(dir, probe);
    expect(readFileSync(pidFile(), 'utf8')).toBe(`${process.pid} 5`);
    unlock();
    expect(existsSync(pidFile())).toBe(false);
  });

  it('takes over from a pid now used by another process (a different start time)', () => {
    writeFileSync(pidFile(), '4242 1000');
    const probe = fakeProcesses({ 4242: { state: 'running', startTime: '987654' }, [process.pid]: { state: 'running', startTime: '5' } });
    lockDataDir(dir, probe)();
  });

  it('still honours an old-style file holding only a pid, while that pid runs', () => {
    writeFileSync(pidFile(), '4242');
    expect(() => lockDataDir(dir, fakeProcesses({ 4242: { state: 'running' } }))).toThrow(DatabaseInUseError);
  });

  it('unlocking never removes a lock another process took over', () => {
    const unlock = lockDataDir(dir, fakeProcesses({}));
    writeFileSync(pidFile(), '777 1');
    unlock();
    expect(readFileSync(pidFile(), 'utf8')).toBe('777 1');
  });
});

describe('the /proc probe', () => {
  it('reads state and start time, whatever the command name holds', () => {
    const stat = '4242 (node) x) Z 1 4242 4242 0 -1 4194560 100 0 0 0 5 1 0 0 20 0 11 0 123456 1000 100';
    expect(parseProcStat(stat)).toEqual({ state: 'Z', startTime: '123456' });
  });

  it.skipIf(!existsSync('/proc/self/stat'))('takes a real zombie for gone, so a restart right after kill -9 opens the database', async () => {
    await withZombie((zombie) => {
      expect(procfsProbe.state(zombie)).toBe('gone');
      expect(procfsProbe.state(process.pid)).toBe('running');

      writeFileSync(pidFile(), String(zombie));
      const unlock = lockDataDir(dir);
      expect(readFileSync(pidFile(), 'utf8')).toMatch(new RegExp(`^${process.pid}\\b`));
      unlock();
    });
  });
});
