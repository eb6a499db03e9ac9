import { readFileSync } from 'node:fs';

/**
 * What a lock or lease needs to know about a process: whether it still runs, and when it started
 * (so a pid reused by an unrelated process after a reboot is not taken for the holder).
 */
export interface ProcessProbe {
  /** 'gone' when there is no such process or only its zombie (killed, not yet reaped by its parent). */
  state(pid: number): 'running' | 'gone';
  /** A value that changes when a pid is reused (Linux: start time in clock ticks); undefined when unknown. */
  startTime(pid: number): string | undefined;
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
