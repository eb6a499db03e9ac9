import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHolderId } from '../../src/outbox/holder-id.js';
import { procfsProbe } from '../../src/system/process-probe.js';
import { withZombie } from '../support/zombie-process.js';

describe('sender lease holder ids', () => {
  it('know a holder on this machine whose process is gone for dead', () => {
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const former = createHolderId(deadPid, 1_000);
    expect(createHolderId().isDeadLocal(former.value)).toBe(true);
  });

  it('judge the holder by the process probe, which takes a zombie (killed, not yet reaped) for gone', () => {
    const zombiePid = 4_242;
    const probe = { state: (pid: number) => (pid === zombiePid ? ('gone' as const) : ('running' as const)) };
    expect(createHolderId(process.pid, 1, probe).isDeadLocal(createHolderId(zombiePid, 1_000).value)).toBe(true);
    expect(createHolderId(process.pid, 1, probe).isDeadLocal(createHolderId(4_243, 1_000).value)).toBe(false);
  });

  it.skipIf(!existsSync('/proc/self/stat'))('know a real zombie holder (killed, not yet reaped) for dead with the default probe', async () => {
    await withZombie((zombie) => {
      expect(createHolderId().isDeadLocal(createHolderId(zombie, 1_000).value)).toBe(true);
    });
  });

  it('take a live process, this one included, for alive', () => {
    const here = createHolderId();
    const sibling = createHolderId();
    expect(here.isDeadLocal(sibling.value)).toBe(false);
    expect(here.isDeadLocal(here.value)).toBe(false);
    expect(here.isDeadLocal(createHolderId(process.ppid, 5).value)).toBe(false);
  });

  it('know a holder whose pid another process has taken since (pids wrap) for dead', () => {
    const probe = { state: () => 'running' as const, startTime: (pid: number) => (pid === 4_244 ? '777' : undefined) };
    const here = createHolderId(process.pid, 't1', probe);
    expect(here.isDeadLocal(createHolderId(4_244, 't500', probe).value)).toBe(true);
    expect(here.isDeadLocal(createHolderId(4_244, 't777', probe).value)).toBe(false);
    // Start unknown now, or a holder id from before ticks (milliseconds): judged by the state alone.
    expect(here.isDeadLocal(createHolderId(4_245, 't500', probe).value)).toBe(false);
    expect(here.isDeadLocal(createHolderId(4_244, 1_000, probe).value)).toBe(false);
  });

  it.skipIf(!existsSync('/proc/self/stat'))('read the real start of a live pid: its own start is alive, another is a reused pid', () => {
    const parentStart = procfsProbe.startTime(process.ppid)!;
    expect(createHolderId().isDeadLocal(createHolderId(process.ppid, `t${parentStart}`).value)).toBe(false);
    expect(createHolderId().isDeadLocal(createHolderId(process.ppid, `t${Number(parentStart) + 1}`).value)).toBe(true);
    expect(createHolderId().value).toMatch(new RegExp(`:${process.pid}:t${procfsProbe.startTime(process.pid)}:[0-9a-f]+$`));
  });

  it('know a former life of this very pid (a restarted container) for dead', () => {
    const now = createHolderId(4242, 2_000, { state: () => 'running' });
    expect(now.isDeadLocal(createHolderId(4242, 1_000, { state: () => 'running' }).value)).toBe(true);
  });

  it('never judge a holder on another machine, or an unreadable one', () => {
    const here = createHolderId();
    expect(here.isDeadLocal('other-host/boot:12:34:abcd')).toBe(false);
    expect(here.isDeadLocal('9f1c2e7a-uuid-style-holder')).toBe(false);
  });
});
