import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** Linux reports process CPU time in clock ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;

/** CPU counters of the whole machine and of every process, at one moment. */
export interface CpuSnapshot {
  at: number;
  machineBusy: number;
  machineTotal: number;
  processes: Map<number, { comm: string; ticks: number }>;
}

export function cpuSnapshot(): CpuSnapshot {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  const processes = new Map<number, { comm: string; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const rest = stat.slice(close + 2).split(' ');
      // After "(comm) ": state is field 3, so utime (14) and stime (15) are rest[11] and rest[12].
      processes.set(Number(entry), { comm, ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // the process ended while we looked
    }
  }
  return { at: Date.now(), machineBusy: busy, machineTotal: busy + idle + iowait, processes };
}

/** Where the machine's CPU went between two snapshots, in cores (1.0 = one core fully busy). */
export interface CpuBreakdown {
  seconds: number;
  cores: number;
  machineBusyCores: number;
  /** Cores used by each named group of ours, e.g. server / postgres (bench db) / wrk / driver. */
  groups: Record<string, number>;
  /** Everything else on the machine (other engineers' work, background services). */
  otherCores: number;
  /** The busiest other processes. */
  topOthers: Array<{ name: string; cores: number }>;
  loadAverage1m: number;
}

export function cpuBreakdown(before: CpuSnapshot, after: CpuSnapshot, groups: Record<string, number[]>): CpuBreakdown {
  const seconds = (after.at - before.at) / 1000;
  const cores = cpus().length;
  const machineBusyCores = ((after.machineBusy - before.machineBusy) / Math.max(1, after.machineTotal - before.machineTotal)) * cores;
  const delta = (pid: number) => {
    const end = after.processes.get(pid);
    if (!end) return 0;
    const start = before.processes.get(pid);
    return (end.ticks - (start?.ticks ?? 0)) / TICKS_PER_SECOND / seconds;
  };
  const ours = new Set<number>();
  const grouped: Record<string, number> = {};
  for (const [name, pids] of Object.entries(groups)) {
    grouped[name] = 0;
    for (const pid of pids) {
      if (ours.has(pid)) continue;
      ours.add(pid);
      grouped[name] += delta(pid);
    }
  }
  const others = new Map<string, number>();
  for (const [pid, info] of after.processes) {
    if (ours.has(pid)) continue;
    const used = delta(pid);
    if (used > 0) others.set(info.comm, (others.get(info.comm) ?? 0) + used);
  }
  const oursTotal = Object.values(grouped).reduce((sum, value) => sum + value, 0);
  return {
    seconds,
    cores,
    machineBusyCores,
    groups: grouped,
    otherCores: Math.max(0, machineBusyCores - oursTotal),
    topOthers: [...others.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name, used]) => ({ name, cores: used })),
    loadAverage1m: loadavg()[0] ?? 0,
  };
}

/** Pids of every process called `comm` (e.g. all postgres processes). */
export function pidsNamed(snapshot: CpuSnapshot, comm: string): number[] {
  return [...snapshot.processes.entries()].filter(([, info]) => info.comm === comm).map(([pid]) => pid);
}
