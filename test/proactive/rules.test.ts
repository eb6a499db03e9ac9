import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { createProactive, type Proactive } from '../../src/proactive/index.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { addGroup, addKpm, steppedClock } from './fixtures.js';

const translate = createTranslator();
const message = { kind: 'text' as const, text: 'Jangan lupa pertemuan kelompok.' };

async function sendsOf(db: TestDatabase, ruleId: number): Promise<Array<[string, number]>> {
  const rows = await db.prisma.proactiveSend.findMany({ where: { sourceKind: 'rule', sourceId: ruleId }, orderBy: [{ occurrenceKey: 'asc' }, { recipientId: 'asc' }] });
  return rows.map((row) => [row.occurrenceKey, row.recipientId]);
}

describe.each(backends)('reminder rules on $kind', (backend) => {
  let db: TestDatabase;
  let proactive: Proactive;
  let clock: ReturnType<typeof steppedClock>;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    // Sunday 29 November 2026, 10:00 WIB.
    clock = steppedClock('2026-11-29T03:00:00Z');
    proactive = createProactive({ db, translate, clock });
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('fires on its days only, once per occurrence, and a KPM added later gets the later ones', async () => {
    const group = await addGroup(db, 'Kelompok Mawar');
    const first = await addKpm(db, { groupId: group, chats: [{ channel: 'telegram', chatId: 'a' }] });
    const rule = await proactive.createRule({ ownerKind: 'staff', recurrence: { kind: 'weekly', days: [2, 5], time: '09:00' }, timeZone: 'Asia/Jakarta', target: { groupIds: [group] }, message });
    expect(rule.nextFireAt?.toISOString()).toBe('2026-12-01T02:00:00.000Z'); // Tuesday, not today (Sunday)

    expect((await proactive.fireDueRules()).fired).toBe(0);
    clock.set('2026-12-01T02:00:05Z');
    expect(await proactive.fireDueRules()).toEqual({ fired: 1, skippedLate: 0, queued: 1 });
    // Run again (a second tick, a restart): nothing new.
    expect((await proactive.fireDueRules()).fired).toBe(0);

    const later = await addKpm(db, { groupId: group, chats: [{ channel: 'telegram', chatId: 'b' }] });
    clock.set('2026-12-04T02:01:00Z'); // Friday
    expect((await proactive.fireDueRules()).queued).toBe(2);
    expect(await sendsOf(db, rule.id)).toEqual([
      ['2026-12-01T02:00:00.000Z', first.id],
      ['2026-12-04T02:00:00.000Z', first.id],
      ['2026-12-04T02:00:00.000Z', later.id],
    ]);
    const row = await db.prisma.reminderRule.findUniqueOrThrow({ where: { id: rule.id } });
    expect(row.nextFireAt?.toISOString()).toBe('2026-12-08T02:00:00.000Z');
  });

  it.skipIf(backend.skipReason)('an occurrence already past when the service comes back is skipped, not sent late in a burst', async () => {
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'a' }] });
    const rule = await proactive.createRule({ ownerKind: 'staff', recurrence: { kind: 'daily', time: '09:00' }, timeZone: 'Asia/Jakarta', target: { regencies: ['Kota Serang'] }, message });
    // Down from Sunday until Thursday noon: Mon–Thu's 09:00 all passed.
    clock.set('2026-12-03T05:00:00Z');
    expect(await proactive.fireDueRules()).toEqual({ fired: 0, skippedLate: 1, queued: 0 });
    expect(await sendsOf(db, rule.id)).toEqual([]);
    const row = await db.prisma.reminderRule.findUniqueOrThrow({ where: { id: rule.id } });
    expect(row.nextFireAt?.toISOString()).toBe('2026-12-04T02:00:00.000Z');
    clock.set('2026-12-04T02:00:30Z');
    expect((await proactive.fireDueRules()).queued).toBe(1);
  });

  it.skipIf(backend.skipReason)('a rule relative to a stage date reaches each KPM 7 days after their stage, once', async () => {
    await db.prisma.program.create({ data: { code: 'uep', nameId: 'UEP', nameEn: 'UEP' } });
    const early = await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'e' }] });
    const late = await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'l' }] });
    await db.prisma.stageEvent.create({ data: { recipientId: early.id, programCode: 'uep', stageCode: 'modal-disalurkan', occurredOn: new Date('2026-11-23') } });
    await db.prisma.stageEvent.create({ data: { recipientId: late.id, programCode: 'uep', stageCode: 'modal-disalurkan', occurredOn: new Date('2026-11-25') } });
    const rule = await proactive.createRule({
      ownerKind: 'staff', timeZone: 'Asia/Jakarta', target: {}, message,
      recurrence: { kind: 'relative', anchor: { type: 'stage', programCode: 'uep', stageCode: 'modal-disalurkan' }, offsetDays: 7, time: '09:00' },
    });
    for (const day of ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']) {
      clock.set(`${day}T02:00:10Z`);
      await proactive.fireDueRules();
    }
    expect(await sendsOf(db, rule.id)).toEqual([
      ['2026-11-23', early.id],
      ['2026-11-25', late.id],
    ]);
  });

  it.skipIf(backend.skipReason)('a rule 3 days before a session reaches the invitees of its groups\' scheduled sessions, by the session\'s local date', async () => {
    const mine = await addGroup(db, 'Kelompok Melati');
    const other = await addGroup(db, 'Kelompok Kenanga');
    const invited = await addKpm(db, { groupId: mine, chats: [{ channel: 'telegram', chatId: 'i' }] });
    const otherGroup = await addKpm(db, { groupId: other, chats: [{ channel: 'telegram', chatId: 'o' }] });
    const ofCancelled = await addKpm(db, { groupId: mine, chats: [{ channel: 'telegram', chatId: 'c' }] });
    const facilitator = await db.prisma.staffUser.create({ data: { username: 'f', displayName: 'F', role: 'facilitator', passwordHash: 'x' } });
    const session = async (groupId: number, recipientId: number, status: string) => {
      // 4 December 07:30 WITA is still 3 December in UTC: the local date must decide.
      const row = await db.prisma.mentoringSession.create({
        data: { title: 'Bimtek', startsAt: new Date('2026-12-03T23:30:00Z'), timeZone: 'Asia/Makassar', place: 'Balai', facilitatorId: facilitator.id, status },
      });
      await db.prisma.mentoringSessionGroup.create({ data: { sessionId: row.id, groupId } });
      await db.prisma.sessionInvitation.create({ data: { sessionId: row.id, recipientId } });
    };
    await session(mine, invited.id, 'scheduled');
    await session(other, otherGroup.id, 'scheduled');
    await session(mine, ofCancelled.id, 'cancelled');
    const rule = await proactive.createRule({
      ownerKind: 'staff', timeZone: 'Asia/Jakarta', target: { groupIds: [mine] }, message,
      recurrence: { kind: 'relative', anchor: { type: 'session' }, offsetDays: -3, time: '09:00' },
    });
    for (const day of ['2026-11-30', '2026-12-01', '2026-12-02']) {
      clock.set(`${day}T02:00:10Z`);
      await proactive.fireDueRules();
    }
    expect(await sendsOf(db, rule.id)).toEqual([['session-2026-12-04', invited.id]]);
  });

  it.skipIf(backend.skipReason)('cancelling a session\'s rules stops them and what they queued', async () => {
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'a' }] });
    await proactive.createRule({ ownerKind: 'session', ownerId: '7', recurrence: { kind: 'once', at: '2026-11-30T09:00:00+07:00' }, timeZone: 'Asia/Jakarta', target: { regencies: ['Kota Serang'] }, message });
    const other = await proactive.createRule({ ownerKind: 'session', ownerId: '7', recurrence: { kind: 'once', at: '2026-12-01T09:00:00+07:00' }, timeZone: 'Asia/Jakarta', target: { regencies: ['Kota Serang'] }, message });
    clock.set('2026-11-30T02:00:00Z');
    expect((await proactive.fireDueRules()).queued).toBe(1);
    // The send is queued for the morning's first slot but not yet out: the session is rescheduled.
    expect(await proactive.cancelRules({ ownerKind: 'session', ownerId: '7' })).toBe(2);
    expect(await db.prisma.outboundMessage.count({ where: { lane: 1, status: 'pending' } })).toBe(0);
    clock.set('2026-12-01T02:00:00Z');
    expect((await proactive.fireDueRules()).fired).toBe(0);
    expect(await sendsOf(db, other.id)).toEqual([]);
  });

  it.skipIf(backend.skipReason || backend.kind !== 'postgres')('two processes firing the same rules send each KPM once', async () => {
    const group = await addGroup(db, 'Kelompok Besar');
    for (let i = 0; i < 50; i += 1) await addKpm(db, { groupId: group, chats: [{ channel: 'telegram', chatId: `k${i}` }] });
    for (let i = 0; i < 4; i += 1) {
      await proactive.createRule({ ownerKind: 'staff', recurrence: { kind: 'daily', time: '09:00' }, timeZone: 'Asia/Jakarta', target: { groupIds: [group] }, message });
    }
    const other = createProactive({ db: await db.openAnother(), translate, clock });
    clock.set('2026-11-30T02:00:00Z');
    const [a, b] = await Promise.all([proactive.fireDueRules(), other.fireDueRules()]);
    expect(a.fired + b.fired).toBe(4);
    expect(await db.prisma.outboundMessage.count({ where: { lane: 1 } })).toBe(200);
  });
});
