import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { procfsProbe, type ProcessProbe } from '../system/process-probe.js';

/**
 * Who holds a sender lease: `<host>/<boot>:<pid>:<process start>:<random>`. A restarted process finds the lease
 * still held by its dead predecessor on the same machine; it can tell that holder is gone (no
 * such process) and take over at once, instead of waiting out a lease timeout that exists for
 * holders on other machines, which it cannot check.
 */
export interface HolderId {
  readonly value: string;
  /** True when `holder` ran on this machine since its last boot and its process is gone. */
  isDeadLocal(holder: string): boolean;
}

/** When this process started, fixed once (a value computed per call would drift by a millisecond). */
const PROCESS_STARTED_AT = Math.round(performance.timeOrigin);

export function createHolderId(
  pid: number = process.pid,
  startedAt: number = PROCESS_STARTED_AT,
  // A zombie (killed, not yet reaped) is gone: kill(pid, 0) alone would take it for alive.
  probe: Pick<ProcessProbe, 'state'> = procfsProbe,
): HolderId {
  const machine = `${hostname()}/${bootId()}`;
  const value = `${machine}:${pid}:${startedAt}:${randomBytes(4).toString('hex')}`;
  return {
    value,
    isDeadLocal(holder) {
      const parsed = /^(.*):(\d+):(\d+):[0-9a-f]+$/.exec(holder);
      if (!parsed || parsed[1] !== machine || holder === value) return false;
      const holderPid = Number(parsed[2]);
      // Our own pid but another start: a former life of this process (pid 1 in a restarted container).
      if (holderPid === pid) return Number(parsed[3]) !== startedAt;
      return probe.state(holderPid) === 'gone';
    },
  };
}

/** Linux's id of this boot, so a pid is never compared across reboots; elsewhere just the host. */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'boot';
  }
}
