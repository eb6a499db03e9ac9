import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { procfsProbe, type ProcessProbe } from '../system/process-probe.js';

/**
 * Who holds a sender lease: `<host>/<boot>:<pid>:<process start>:<random>`. A restarted process finds the lease
 * still held by its dead predecessor on the same machine; it can tell that holder is gone (no
 * such process, or its pid now taken by a process that started at another time) and take over
 * at once, instead of waiting out a lease timeout that exists for holders on other machines,
 * which it cannot check.
 */
export interface HolderId {
  readonly value: string;
  /** True when `holder` ran on this machine since its last boot and its process is gone. */
  isDeadLocal(holder: string): boolean;
}

/**
 * When this process started, fixed once: `t<clock ticks since boot>` as /proc tells it (what a
 * probe reads for any pid), else the epoch milliseconds of Node's start (a per-call value would
 * drift by a millisecond).
 */
const PROCESS_STARTED_AT = startToken(procfsProbe.startTime(process.pid)) ?? String(Math.round(performance.timeOrigin));

export function createHolderId(
  pid: number = process.pid,
  startedAt: string | number = PROCESS_STARTED_AT,
  // A zombie (killed, not yet reaped) is gone: kill(pid, 0) alone would take it for alive.
  probe: Pick<ProcessProbe, 'state'> & Partial<Pick<ProcessProbe, 'startTime'>> = procfsProbe,
): HolderId {
  const machine = `${hostname()}/${bootId()}`;
  const started = String(startedAt);
  const value = `${machine}:${pid}:${started}:${randomBytes(4).toString('hex')}`;
  return {
    value,
    isDeadLocal(holder) {
      const parsed = /^(.*):(\d+):(t?\d+):[0-9a-f]+$/.exec(holder);
      if (!parsed || parsed[1] !== machine || holder === value) return false;
      const holderPid = Number(parsed[2]);
      const holderStart = parsed[3]!;
      // Our own pid but another start: a former life of this process (pid 1 in a restarted container).
      if (holderPid === pid) return holderStart !== started;
      if (probe.state(holderPid) === 'gone') return true;
      // The pid runs, but a process that started at another time has it: the holder died and its
      // pid was handed out again (pids wrap at pid_max, 32,768 here). A start in milliseconds (a
      // holder id written before ticks were used) cannot be compared, so it counts as alive.
      const now = holderStart.startsWith('t') ? startToken(probe.startTime?.(holderPid)) : undefined;
      return now !== undefined && now !== holderStart;
    },
  };
}

function startToken(ticks: string | undefined): string | undefined {
  return ticks === undefined ? undefined : `t${ticks}`;
}

/** Linux's id of this boot, so a pid is never compared across reboots; elsewhere just the host. */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'boot';
  }
}
