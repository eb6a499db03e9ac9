import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { fireDueNotices } from '../../src/mentoring/notice-dispatcher.js';
import { DEFAULT_REMINDER_OFFSETS } from '../../src/mentoring/reminder-offsets.js';
import { cancelSession, createSession } from '../../src/mentoring/sessions.js';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import { createProactive, type Proactive } from '../../src/proactive/index.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { addGroup, addKpm, addStaff, shiftedClock } from './fixtures.js';

const logger = pino({ level: 'silent' });
const generous = { perChatPerSecond: 1_000, perChatBurst: 1_000, globalPerSecond: 10_000 };

/**
 * A facilitator's messages already queued when a group is taken from them (held for quiet
 * hours, or behind a long queue) do not go to that group's KPM either: the sending fence checks
 * the owner's groups again, as it checks opt-outs. The fire-time check is owner-scope.test.ts.
 */
describe.each(backends)('owner scope at send time on $kind', (backend) => {
  let db: TestDatabase;
  let proactive: Proactive;
  // Tuesday 1 December 2026, 10:00 WIB, in real time (the sender runs on it).
  const clock = shiftedClock('2026-12-01T03:00:00Z');
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    proactive = createProactive({ db, translate: createTranslator(), clock });
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  /** Runs the real sender until nothing is left to send; returns what the platform got. */
  async function sendAll(): Promise<RecordingChannel> {
    const telegram = new RecordingChannel('telegram');
    const sender = new OutboxSender({ db, channels: [telegram], rateLimits: () => generous, logger, pollIntervalMs: 20, clock });
    sender.start();
    try {
      await expect
        .poll(() => db.prisma.outboundMessage.count({ where: { status: { in: ['pending', 'claimed', 'sending'] } } }), { timeout: 10_000 })
        .toBe(0);
    } finally {
      await sender.stop();
    }
    return telegram;
  }

  async function announce(createdById: number, groupIds: number[], text: string, scope: { groupIds: number[] } | 'all') {
    const broadcast = await proactive.createBroadcast({ requestKey: text, createdById, target: { groupIds }, message: { kind: 'text', text } }, scope);
    await proactive.confirmBroadcast(broadcast.id, scope);
    return broadcast.id;
  }

  it.skipIf(backend.skipReason)("queued announcements and rule messages skip the KPM of a group taken from their facilitator; an operator's still go", async () => {
    const mawar = await addGroup(db, 'KUBE Mawar');
    const melati = await addGroup(db, 'KUBE Melati');
    const inMawar = await addKpm(db, { groupId: mawar, chats: [{ channel: 'telegram', chatId: 'kpm-mawar' }] });
    await addKpm(db, { groupId: melati, chats: [{ channel: 'telegram', chatId: 'kpm-melati' }] });
    const rina = await addStaff(db, 'rina', 'facilitator', [mawar, melati]);
    const operator = await addStaff(db, 'ops', 'operator', []);

    const rinas = await announce(rina, [mawar, melati], 'Pertemuan kelompok siang ini.', { groupIds: [mawar, melati] });
    const operators = await announce(operator, [mawar], 'Pencairan tahap 4 sudah dibuka.', 'all');
    const rule = await proactive.createRule({
      ownerKind: 'staff', createdById: rina, recurrence: { kind: 'weekly', days: [2], time: '10:00' }, timeZone: 'Asia/Jakarta',
      target: { groupIds: [mawar, melati] }, message: { kind: 'text', text: 'Jangan lupa catat penjualan.' },
    });
    // Today's 10:00 occurrence (its first is next week: created a moment after it) is due now, while Mawar is still hers.
    await db.prisma.reminderRule.update({ where: { id: rule.id }, data: { nextFireAt: new Date('2026-12-01T03:00:00Z') } });
    expect(await proactive.fireDueRules()).toMatchObject({ fired: 1 });
    expect(await db.prisma.outboundMessage.count({ where: { chatId: 'kpm-mawar', status: 'pending' } })).toBe(3);

    // Before anything goes out, the operator takes Mawar from Bu Rina.
    await db.prisma.kpmGroupFacilitator.delete({ where: { groupId_staffUserId: { groupId: mawar, staffUserId: rina } } });

    const telegram = await sendAll();

    expect(telegram.textsTo('kpm-mawar')).toEqual(['Pencairan tahap 4 sudah dibuka.']);
    expect([...telegram.textsTo('kpm-melati')].sort()).toEqual(['Jangan lupa catat penjualan.', 'Pertemuan kelompok siang ini.']);
    expect(await proactive.progress(rinas)).toMatchObject({ total: 2, sent: 1, queued: 0, skipped: { 'outside-owner-groups': 1 } });
    expect(await proactive.progress(operators)).toMatchObject({ total: 1, sent: 1, skipped: {} });
    const ruleSkips = await db.prisma.proactiveSend.findMany({ where: { sourceKind: 'rule', sourceId: rule.id, skipReason: { not: null } }, select: { recipientId: true, skipReason: true } });
    expect(ruleSkips).toEqual([{ recipientId: inMawar.id, skipReason: 'outside-owner-groups' }]);
    const leftOut = await db.prisma.outboundMessage.findMany({ where: { chatId: 'kpm-mawar', status: 'skipped' }, select: { lastError: true } });
    expect(leftOut).toEqual([{ lastError: 'outside-owner-groups' }, { lastError: 'outside-owner-groups' }]);
  });

  it.skipIf(backend.skipReason)("a disabled facilitator's queued announcement reaches nobody", async () => {
    const mawar = await addGroup(db, 'KUBE Mawar');
    await addKpm(db, { groupId: mawar, chats: [{ channel: 'telegram', chatId: 'kpm-mawar' }] });
    const rina = await addStaff(db, 'rina', 'facilitator', [mawar]);
    const rinas = await announce(rina, [mawar], 'Pertemuan kelompok siang ini.', { groupIds: [mawar] });
    await db.prisma.staffUser.update({ where: { id: rina }, data: { disabled: true } });

    const telegram = await sendAll();
    expect((await proactive.progress(rinas)).skipped['outside-owner-groups']).toBe(1);
    expect(telegram.sent).toEqual([]);
  });

  it.skipIf(backend.skipReason)('a queued session invitation skips the group taken from its facilitator; the cancel notice still reaches everyone invited', async () => {
    const mawar = await addGroup(db, 'KUBE Mawar');
    const melati = await addGroup(db, 'KUBE Melati');
    await addKpm(db, { groupId: mawar, chats: [{ channel: 'telegram', chatId: 'kpm-mawar' }] });
    await addKpm(db, { groupId: melati, chats: [{ channel: 'telegram', chatId: 'kpm-melati' }] });
    const rina = await addStaff(db, 'rina', 'facilitator', [mawar, melati]);
    const operator = await addStaff(db, 'ops', 'operator', []);
    // Planned on 28 November for today 11:00 WIB; the invitation is queued at once.
    const planned = new Date('2026-11-28T01:00:00Z');
    const created = await db.prisma.$transaction((tx) =>
      createSession(tx, { staffUserId: rina, role: 'facilitator', channel: 'dashboard', chatId: 'rina' }, { title: 'Bimtek pembukuan', startsLocal: '2026-12-01T11:00', place: 'Balai Desa', groupIds: [mawar, melati] }, DEFAULT_REMINDER_OFFSETS, planned),
    );
    if (!created.ok) throw new Error('not created');
    expect(await fireDueNotices({ db, translate: createTranslator(), now: planned })).toBe(1);

    // Mawar is taken from Bu Rina before the invitation went out; then an operator cancels the session.
    await db.prisma.kpmGroupFacilitator.delete({ where: { groupId_staffUserId: { groupId: mawar, staffUserId: rina } } });
    const at = new Date(clock.now());
    const cancelled = await db.prisma.$transaction((tx) => cancelSession(tx, { staffUserId: operator, role: 'operator', channel: 'dashboard', chatId: 'ops' }, created.value.id, at));
    expect(cancelled.ok).toBe(true);
    expect(await fireDueNotices({ db, translate: createTranslator(), now: at })).toBeGreaterThanOrEqual(1);

    const telegram = await sendAll();
    expect(telegram.textsTo('kpm-mawar')).toHaveLength(1);
    expect(telegram.textsTo('kpm-melati')).toHaveLength(2);
    // The one Mawar got is the cancel notice, the last Melati got.
    expect(telegram.textsTo('kpm-mawar')).toEqual(telegram.textsTo('kpm-melati').slice(1));
    expect(await db.prisma.outboundMessage.findMany({ where: { chatId: 'kpm-mawar', status: 'skipped' }, select: { lastError: true } })).toEqual([{ lastError: 'outside-owner-groups' }]);
  });
});
