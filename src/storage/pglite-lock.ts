import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown when another live process already has the embedded database open. */
export class DatabaseInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`The embedded database in ${dataDir} is in use by process ${pid}. Stop that process first, or use DATABASE_URL (PostgreSQL) to share one database between processes.`);
    this.name = 'DatabaseInUseError';
  }
}

/**
 * What the lock needs to know about a process: whether it still runs, and when it started
 * (so a pid reused by an unrelated process after a reboot is not taken for the holder).
 */
export interface ProcessProbe {
  /** 'gone' when there is no such process or only its zombie (killed, not yet reaped by its parent). */
  state(pid: number): 'running' | 'gone';
  /** A value that changes when a pid is reused (Linux: start time in clock ticks); undefined when unknown. */
  startTime(pid: number): string | undefined;
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt
 * it. A pid file guards the directory; a file left by a process that no longer runs is taken over.
 * "No longer runs" includes a zombie: right after `kill -9` the killed process stays in the
 * process table until its parent reaps it, and `kill(pid, 0)` still succeeds for it. The file
 * also records the holder's start time, so a reused pid does not keep the database locked.
 * Returns the function that releases the lock.
 */
export function lockDataDir(dataDir: string, probe: ProcessProbe = procfsProbe): () => void {
  const path = join(dataDir, 'kpm-assistant.pid');
  const mine = lockContent(process.pid, probe.startTime(process.pid));
  for (;;) {
    try {
      writeFileSync(path, mine, { flag: 'wx' });
      return () => {
        // Only our own file: never remove a lock another process took over.
        if (readIfExists(path) === mine) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const content = readIfExists(path);
      if (content === undefined) continue;
      const holder = parseLock(content);
      if (holder && holder.pid !== process.pid && holds(holder, probe)) throw new DatabaseInUseError(dataDir, holder.pid);
      // Stale: remove it unless it changed meanwhile (another process may just have taken over).
      if (readIfExists(path) === content) rmSync(path, { force: true });
    }
  }
}

function holds(holder: { pid: number; startTime?: string }, probe: ProcessProbe): boolean {
  if (probe.state(holder.pid) === 'gone') return false;
  if (holder.startTime === undefined) return true;
  const startTime = probe.startTime(holder.pid);
  return startTime === undefined || startTime === holder.startTime;
}

/** "<pid>" (older files) or "<pid> <start time>". */
function lockContent(pid: number, startTime: string | undefined): string {
  return startTime === undefined ? String(pid) : `${pid} ${startTime}`;
}

function parseLock(content: string): { pid: number; startTime?: string } | undefined {
  const [pidText, startTime] = content.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  return startTime ? { pid, startTime } : { pid };
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Reads /proc/<pid>/stat where there is one (Linux); elsewhere falls back to kill(pid, 0). */
export const procfsProbe: ProcessProbe = {
  state(pid) {
    const stat = readStat(pid);
    if (stat) return stat.state === 'Z' || stat.state === 'X' ? 'gone' : 'running';
    return signalable(pid) ? 'running' : 'gone';
  },
  startTime(pid) {
    return readStat(pid)?.startTime;
  },
};

/**
 * The fields after the command name in /proc/<pid>/stat: field 3 is the state, field 22 the
 * start time. The command name is in parentheses and may itself hold spaces and ")".
 */
export function parseProcStat(stat: string): { state: string; startTime: string } | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19];
  return state && startTime ? { state, startTime } : undefined;
}

function readStat(pid: number): { state: string; startTime: string } | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
