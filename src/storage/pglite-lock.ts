import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { procfsProbe, type ProcessProbe } from '../system/process-probe.js';

/** Thrown when another live process already has the embedded database open. */
export class DatabaseInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`The embedded database in ${dataDir} is in use by process ${pid}. Stop that process first, or use DATABASE_URL (PostgreSQL) to share one database between processes.`);
    this.name = 'DatabaseInUseError';
  }
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
