import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { fireDueNotices } from '../../src/mentoring/notice-dispatcher.js';
import { DEFAULT_REMINDER_OFFSETS } from '../../src/mentoring/reminder-offsets.js';
import { cancelSession, createSession } from '../../src/mentoring/sessions.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { addGroup, addKpm } from '../proactive/fixtures.js';

const t = createTranslator();
// Planned 28 November 08:00 WIB for 1 December 10:00 WIB: reminders 30 November 09:00 and 1 December 08:00 WIB.
const PLANNED = new Date('2026-11-28T01:00:00Z');
const DAY_BEFORE = new Date('2026-11-30T02:00:00Z');
const TWO_HOURS_BEFORE = new Date('2026-12-01T01:00:00Z');

/**
 * Issue 9 for session notices: a session's invitations, reminders and reschedule notices reach
 * only the groups its facilitator still has when they fire.
 */
describe.each(backends)('session notices after a group is taken from the facilitator, on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('reach the groups the facilitator still has, none once their account is disabled', async () => {
    const mawar = await addGroup(db, 'KUBE Mawar');
    const melati = await addGroup(db, 'KUBE Melati');
    const inMawar = await addKpm(db, { groupId: mawar, chats: [{ channel: 'telegram', chatId: 'kpm-mawar' }] });
    await addKpm(db, { groupId: melati, chats: [{ channel: 'telegram', chatId: 'kpm-melati' }] });
    const rina = await db.prisma.staffUser.create({ data: { username: 'rina', displayName: 'Bu Rina', role: 'facilitator', passwordHash: 'not-used-here' } });
    for (const groupId of [mawar, melati]) await db.prisma.kpmGroupFacilitator.create({ data: { groupId, staffUserId: rina.id } });
    const actor = { staffUserId: rina.id, role: 'facilitator', channel: 'dashboard', chatId: 'rina' };
    const created = await db.prisma.$transaction((tx) =>
      createSession(tx, actor, { title: 'Bimtek pembukuan', startsLocal: '2026-12-01T10:00', place: 'Balai Desa', groupIds: [mawar, melati] }, DEFAULT_REMINDER_OFFSETS, PLANNED),
    );
    if (!created.ok) throw new Error('not created');
    expect(await fireDueNotices({ db, translate: t, now: PLANNED })).toBe(1);
    const messagesTo = (chatId: string) => db.prisma.outboundMessage.count({ where: { chatId, kind: 'proactive' } });
    expect([await messagesTo('kpm-mawar'), await messagesTo('kpm-melati')]).toEqual([1, 1]);

    // The operator takes Mawar from Bu Rina: the day-before reminder reaches Melati only.
    await db.prisma.kpmGroupFacilitator.delete({ where: { groupId_staffUserId: { groupId: mawar, staffUserId: rina.id } } });
    expect(await fireDueNotices({ db, translate: t, now: DAY_BEFORE })).toBe(1);
    expect([await messagesTo('kpm-mawar'), await messagesTo('kpm-melati')]).toEqual([1, 2]);
    const skipped = await db.prisma.proactiveSend.findMany({ where: { sourceKind: 'session-notice', skipReason: { not: null } }, select: { recipientId: true, skipReason: true } });
    expect(skipped).toEqual([{ recipientId: inMawar.id, skipReason: 'outside-owner-groups' }]);

    // Her account is disabled: the last reminder is skipped, with its reason, and sends nothing.
    await db.prisma.staffUser.update({ where: { id: rina.id }, data: { disabled: true } });
    expect(await fireDueNotices({ db, translate: t, now: TWO_HOURS_BEFORE })).toBe(1);
    expect([await messagesTo('kpm-mawar'), await messagesTo('kpm-melati')]).toEqual([1, 2]);
    const last = await db.prisma.sessionNotice.findFirstOrThrow({ where: { sessionId: created.value.id, fireAt: TWO_HOURS_BEFORE } });
    expect(last.outcome).toBe('skipped-owner-groups');

    // An operator cancels it: everyone invited is told not to come.
    const operator = await db.prisma.staffUser.create({ data: { username: 'ops', displayName: 'Ops', role: 'operator', passwordHash: 'not-used-here' } });
    const at = new Date(TWO_HOURS_BEFORE.getTime() + 60_000);
    const cancelled = await db.prisma.$transaction((tx) => cancelSession(tx, { staffUserId: operator.id, role: 'operator', channel: 'dashboard', chatId: 'ops' }, created.value.id, at));
    expect(cancelled.ok).toBe(true);
    expect(await fireDueNotices({ db, translate: t, now: at })).toBe(1);
    expect([await messagesTo('kpm-mawar'), await messagesTo('kpm-melati')]).toEqual([2, 3]);
  });
});
