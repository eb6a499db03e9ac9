import { cpus } from 'node:os';
import { cpuSnapshot } from './cpu-accounting.js';

/**
 * Waits (at most `maxSeconds`) until the machine's CPU is mostly idle — other engineers' test
 * runs share these 2 cores — measured over 3-second windows while the bench itself does
 * nothing. Resolves with the busy cores of the last window, so the report can say what the
 * run started under.
 */
export async function waitForQuiet(maxSeconds: number, busyCoresBelow: number, log: (message: string) => void): Promise<number> {
  const deadline = Date.now() + maxSeconds * 1000;
  let busy = Number.POSITIVE_INFINITY;
  for (;;) {
    const before = cpuSnapshot();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const after = cpuSnapshot();
    const cores = (after.machineBusy - before.machineBusy) / Math.max(1, after.machineTotal - before.machineTotal);
    busy = cores * cpus().length;
    if (busy < busyCoresBelow || Date.now() >= deadline) return busy;
    log(`waiting for a quieter machine: ${busy.toFixed(2)} cores busy with other work`);
  }
}
