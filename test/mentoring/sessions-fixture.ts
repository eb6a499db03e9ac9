import { abortableDelay } from '../../src/outbox/clock.js';
import type { Database } from '../../src/storage/database.js';

/** A facilitator account assigned to one group whose only member is the demo KPM Siti (seeded). */
export async function facilitatorWithGroup(db: Database, options: { username?: string; groupName?: string; nik?: string } = {}) {
  const staff = await db.prisma.staffUser.create({
    data: { username: options.username ?? 'pendamping1', displayName: 'Bu Rina', role: 'facilitator', passwordHash: 'not-used-here' },
  });
  const recipient = await db.prisma.recipient.findUniqueOrThrow({ where: { nik: options.nik ?? '3673035203789001' } });
  const group = await db.prisma.kpmGroup.create({
    data: {
      name: options.groupName ?? 'KUBE Sukacontoh',
      programCode: 'UEP',
      regency: recipient.regency,
      members: { create: [{ recipientId: recipient.id }] },
      facilitators: { create: [{ staffUserId: staff.id }] },
    },
  });
  return { staffId: staff.id, groupId: group.id, recipientId: recipient.id };
}

/** "D-M-YYYY HH.MM" for an instant in WIB (UTC+7), as a facilitator types it. */
export function typedWib(instant: Date): string {
  const wib = new Date(instant.getTime() + 7 * 3_600_000);
  return `${wib.getUTCDate()}-${wib.getUTCMonth() + 1}-${wib.getUTCFullYear()} ${String(wib.getUTCHours()).padStart(2, '0')}.${String(wib.getUTCMinutes()).padStart(2, '0')}`;
}

/**
 * A clock the test moves by hand: it runs at the wall clock's pace from wherever it was last
 * set, and waits really (send timeouts and pacing keep their meaning).
 */
export function steppedClock(start: Date) {
  let offset = start.getTime() - Date.now();
  return {
    now: () => Date.now() + offset,
    sleep: (ms: number, signal?: AbortSignal) => abortableDelay(ms, signal),
    set(at: Date) {
      offset = at.getTime() - Date.now();
    },
  };
}

/** Polls `ready` every 20 ms until it returns a value (a reply reaching a stand-in), or fails naming `what`. */
export async function pollUntil<T>(ready: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = ready();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** 03:00 UTC (10.00 WIB) of the next day. */
export function tomorrowAtTenWib(): Date {
  const at = new Date(Date.now() + 86_400_000);
  at.setUTCHours(3, 0, 0, 0);
  return at;
}
