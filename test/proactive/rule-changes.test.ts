import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { createProactive, type Proactive } from '../../src/proactive/index.js';
import { deleteRule, pauseRule, resumeRule } from '../../src/proactive/rule-changes.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { addKpm, steppedClock } from './fixtures.js';

const message = { kind: 'text' as const, text: 'Jangan lupa pertemuan kelompok.' };

describe.each(backends)('pausing, resuming and deleting a rule on $kind', (backend) => {
  let db: TestDatabase;
  let proactive: Proactive;
  let clock: ReturnType<typeof steppedClock>;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    clock = steppedClock('2026-11-29T03:00:00Z'); // Sunday 10:00 WIB
    proactive = createProactive({ db, translate: createTranslator(), clock, quietHours: { start: 0, end: 0 } });
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('a paused rule does not fire; resumed, it skips what fell in the pause', async () => {
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'a' }] });
    const rule = await proactive.createRule({ ownerKind: 'staff', recurrence: { kind: 'daily', time: '09:00' }, timeZone: 'Asia/Jakarta', target: { regencies: ['Kota Serang'] }, message });
    const now = () => new Date(clock.now());
    expect(await db.prisma.$transaction((tx) => pauseRule(tx, rule.id, now()))).toBe(true);
    expect(await db.prisma.$transaction((tx) => pauseRule(tx, rule.id, now()))).toBe(false);
    clock.set('2026-11-30T02:00:10Z'); // Monday 09:00 WIB
    expect((await proactive.fireDueRules()).fired).toBe(0);
    clock.set('2026-11-30T03:00:00Z');
    const next = await db.prisma.$transaction((tx) => resumeRule(tx, rule.id, now()));
    expect(next?.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(await db.prisma.$transaction((tx) => resumeRule(tx, rule.id, now()))).toBeUndefined();
    clock.set('2026-12-01T02:00:10Z');
    expect((await proactive.fireDueRules()).queued).toBe(1);
  });

  it.skipIf(backend.skipReason)('pausing or deleting stops the messages still waiting', async () => {
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'a' }] });
    const paused = await proactive.createRule({ ownerKind: 'staff', recurrence: { kind: 'daily', time: '09:00' }, timeZone: 'Asia/Jakarta', target: { regencies: ['Kota Serang'] }, message });
    const deleted = await proactive.createRule({ ownerKind: 'staff', recurrence: { kind: 'daily', time: '09:00' }, timeZone: 'Asia/Jakarta', target: { regencies: ['Kota Serang'] }, message });
    clock.set('2026-11-30T02:00:10Z');
    expect((await proactive.fireDueRules()).queued).toBe(2);
    const now = new Date(clock.now());
    await db.prisma.$transaction((tx) => pauseRule(tx, paused.id, now));
    expect(await db.prisma.$transaction((tx) => deleteRule(tx, deleted.id, now))).toBe(true);
    expect(await db.prisma.$transaction((tx) => deleteRule(tx, deleted.id, now))).toBe(false);
    expect(await db.prisma.outboundMessage.count({ where: { lane: 1, status: 'pending' } })).toBe(0);
    const row = await db.prisma.reminderRule.findUniqueOrThrow({ where: { id: deleted.id } });
    expect(row.cancelledAt).not.toBeNull();
    expect(row.nextFireAt).toBeNull();
  });
});
