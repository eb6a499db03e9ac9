import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { createProactive, type Proactive } from '../../src/proactive/index.js';
import { reminderRulesJob, scheduledBroadcastsJob, Scheduler } from '../../src/proactive/scheduler.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { addGroup, addKpm, addStaff, steppedClock } from './fixtures.js';

const logger = pino({ level: 'silent' });
const translate = createTranslator();
const message = { kind: 'text' as const, text: 'Jangan lupa pertemuan kelompok.' };
// Sunday 29 November 2026, 10:00 WIB. The weekly rule fires Tuesdays 09:00 WIB (02:00Z).
const SUNDAY = '2026-11-29T03:00:00Z';
const FIRST_TUESDAY = '2026-12-01T02:00:05Z';
const NEXT_TUESDAY = '2026-12-08T02:00:05Z';
// The announcement is for Tuesday 8 December, 12:00 WIB.
const SEND_AT = '2026-12-08T05:00:00.000Z';

/**
 * Issue 9: a facilitator's reminder rules and scheduled announcements reach only the groups
 * the facilitator still has when they fire; a group taken from them (or their account
 * disabled) gets nothing more, and why is recorded per KPM ('outside-owner-groups').
 */
describe.each(backends)('owner scope at fire time on $kind', (backend) => {
  let db: TestDatabase;
  let clock: ReturnType<typeof steppedClock>;
  let proactive: Proactive;
  let scheduler: Scheduler;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    clock = steppedClock(SUNDAY);
    proactive = createProactive({ db, translate, clock });
    scheduler = new Scheduler({ jobs: [reminderRulesJob(proactive, logger), scheduledBroadcastsJob(proactive, logger)], logger, clock });
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  async function weeklyRule(createdById: number, groupIds: number[]) {
    return proactive.createRule({ ownerKind: 'staff', createdById, recurrence: { kind: 'weekly', days: [2], time: '09:00' }, timeZone: 'Asia/Jakarta', target: { groupIds }, message });
  }

  async function scheduledBroadcast(createdById: number, groupIds: number[], requestKey: string) {
    const scope = { groupIds };
    const broadcast = await proactive.createBroadcast(
      { requestKey, createdById, target: { groupIds }, message: { kind: 'text', text: 'Pertemuan kelompok siang ini.' }, sendAt: new Date(SEND_AT), timeZone: 'Asia/Jakarta' },
      scope,
    );
    expect(await proactive.confirmBroadcast(broadcast.id, scope)).toMatchObject({ scheduled: true });
    return broadcast;
  }

  async function runBoth(): Promise<void> {
    await scheduler.runJob('reminder-rules');
    await scheduler.runJob('scheduled-broadcasts');
  }

  const messagesTo = (chatId: string) => db.prisma.outboundMessage.count({ where: { chatId, kind: 'proactive' } });
  const skipsOf = (sourceKind: string, sourceId: number) =>
    db.prisma.proactiveSend.findMany({ where: { sourceKind, sourceId, skipReason: { not: null } }, select: { recipientId: true, skipReason: true, occurrenceKey: true } });

  it.skipIf(backend.skipReason)('a group taken from the facilitator gets neither the next rule occurrence nor the scheduled announcement', async () => {
    const mawar = await addGroup(db, 'KUBE Mawar');
    const kpm = await addKpm(db, { groupId: mawar, chats: [{ channel: 'telegram', chatId: 'kpm-mawar' }] });
    const rina = await addStaff(db, 'rina', 'facilitator', [mawar]);
    const rule = await weeklyRule(rina, [mawar]);
    const broadcast = await scheduledBroadcast(rina, [mawar], 'rina-later');

    clock.set(FIRST_TUESDAY);
    await runBoth();
    expect(await messagesTo('kpm-mawar')).toBe(1); // the rule's first Tuesday, while Mawar is hers

    // The operator takes Mawar from Bu Rina.
    await db.prisma.kpmGroupFacilitator.delete({ where: { groupId_staffUserId: { groupId: mawar, staffUserId: rina } } });

    clock.set(NEXT_TUESDAY);
    await runBoth();
    clock.set(SEND_AT);
    await runBoth();
    expect(await messagesTo('kpm-mawar')).toBe(1);
    // Skipped with a reason, not an error: the rule moves on, the broadcast counts as queued.
    expect(await skipsOf('rule', rule.id)).toEqual([{ recipientId: kpm.id, skipReason: 'outside-owner-groups', occurrenceKey: '2026-12-08T02:00:00.000Z' }]);
    expect((await db.prisma.reminderRule.findUniqueOrThrow({ where: { id: rule.id } })).nextFireAt?.toISOString()).toBe('2026-12-15T02:00:00.000Z');
    const skipAudit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'rule.skip' } });
    expect(skipAudit.details).toEqual({ ruleId: rule.id, occurrence: '2026-12-08T02:00:00.000Z', reason: 'outside-owner-groups' });
    // The owner's dashboard shows the announcement's progress with that reason.
    expect(await proactive.progress(broadcast.id)).toMatchObject({ total: 1, queued: 0, skipped: { 'outside-owner-groups': 1 } });
    const sendAudit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'broadcast.send' } });
    expect(sendAudit.details).toMatchObject({ broadcastId: broadcast.id, queued: 0, skipped: { 'outside-owner-groups': 1 } });
    expect((await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).enqueuedAt?.toISOString()).toBe(SEND_AT);
  });

  it.skipIf(backend.skipReason)('only the taken group is left out; a disabled facilitator\'s rules reach nobody; an operator\'s are unscoped', async () => {
    const mawar = await addGroup(db, 'KUBE Mawar');
    const melati = await addGroup(db, 'KUBE Melati');
    await addKpm(db, { groupId: mawar, chats: [{ channel: 'telegram', chatId: 'kpm-mawar' }] });
    await addKpm(db, { groupId: melati, chats: [{ channel: 'telegram', chatId: 'kpm-melati' }] });
    // In both groups: still reached through Melati, which stays Bu Rina's.
    const both = await addKpm(db, { groupId: mawar, chats: [{ channel: 'telegram', chatId: 'kpm-both' }] });
    await db.prisma.kpmGroupMember.create({ data: { groupId: melati, recipientId: both.id } });
    const rina = await addStaff(db, 'rina', 'facilitator', [mawar, melati]);
    const operator = await addStaff(db, 'ops', 'operator', []);
    const rule = await weeklyRule(rina, [mawar, melati]);
    const broadcast = await scheduledBroadcast(rina, [mawar, melati], 'rina-both');
    const operatorRule = await weeklyRule(operator, [mawar]);

    await db.prisma.kpmGroupFacilitator.delete({ where: { groupId_staffUserId: { groupId: mawar, staffUserId: rina } } });
    clock.set(FIRST_TUESDAY);
    await runBoth();
    // Bu Rina's rule: Melati's members only; the operator's rule: Mawar's as before.
    expect([await messagesTo('kpm-mawar'), await messagesTo('kpm-melati'), await messagesTo('kpm-both')]).toEqual([1, 1, 2]);
    expect((await skipsOf('rule', rule.id)).map((row) => row.skipReason)).toEqual(['outside-owner-groups']);
    expect(await skipsOf('rule', operatorRule.id)).toEqual([]);
    expect(await db.prisma.auditLog.count({ where: { action: 'rule.skip' } })).toBe(0);

    // Her account is disabled: her rule and announcement reach nobody, the operator's still go.
    await db.prisma.staffUser.update({ where: { id: rina }, data: { disabled: true } });
    clock.set(NEXT_TUESDAY);
    await runBoth();
    clock.set(SEND_AT);
    await runBoth();
    expect([await messagesTo('kpm-mawar'), await messagesTo('kpm-melati'), await messagesTo('kpm-both')]).toEqual([2, 1, 3]);
    expect(await proactive.progress(broadcast.id)).toMatchObject({ total: 3, queued: 0, skipped: { 'outside-owner-groups': 3 } });
    expect(await db.prisma.auditLog.count({ where: { action: 'rule.skip' } })).toBe(1);
  });
});
