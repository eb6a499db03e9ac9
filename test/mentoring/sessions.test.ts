import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplySpec } from '../../flows/kpm-assistant/contract.js';
import type { EmittedReply } from '../../src/engine/flow-binding.js';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { fireDueNotices } from '../../src/mentoring/notice-dispatcher.js';
import { DEFAULT_REMINDER_OFFSETS } from '../../src/mentoring/reminder-offsets.js';
import { interceptRsvp } from '../../src/mentoring/rsvp-intercept.js';
import type { SessionActor } from '../../src/mentoring/session-actor.js';
import { cancelSession, createSession, listSessions, markAttendance, rescheduleSession, sessionDetail } from '../../src/mentoring/sessions.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { facilitatorWithGroup } from './sessions-fixture.js';

const t = createTranslator();
const HOUR = 3_600_000;

describe.each(backends)('mentoring sessions on $kind', (backend) => {
  let db: TestDatabase;
  let actor: SessionActor;
  let groupId: number;
  let recipientId: number;
  // 2026-12-01 10:00 WIB is 03:00 UTC; "now" is three days earlier, 08:00 WIB.
  const now = new Date('2026-11-28T01:00:00Z');

  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    await seedDemoData(db);
    const fixture = await facilitatorWithGroup(db);
    actor = { staffUserId: fixture.staffId, role: 'facilitator', channel: 'dashboard', chatId: 'pendamping1' };
    groupId = fixture.groupId;
    recipientId = fixture.recipientId;
    // Siti's chat on Telegram, linked to her record.
    await db.prisma.conversation.create({ data: { channel: 'telegram', chatId: '501', machineId: 'kpm-assistant', machineVersion: 2, recipientId, lastActivityAt: new Date(now.getTime() - HOUR) } });
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  const create = (startsLocal = '2026-12-01T10:00') =>
    db.prisma.$transaction((tx) => createSession(tx, actor, { title: 'Bimtek pembukuan', startsLocal, place: 'Balai Desa', groupIds: [groupId] }, DEFAULT_REMINDER_OFFSETS, now));
  const fire = (at: Date) => fireDueNotices({ db, translate: t, now: at });
  const queuedTexts = async () => (await db.prisma.outboundMessage.findMany({ where: { kind: 'proactive' }, orderBy: { id: 'asc' } })).map((m) => (m.payload as { text: string }).text);

  it.skipIf(backend.skipReason)('plans the invitation now and reminders the day before at 09:00 local and 2 hours before', async () => {
    const created = await create();
    expect(created.ok).toBe(true);
    const notices = await db.prisma.sessionNotice.findMany({ orderBy: { fireAt: 'asc' } });
    expect(notices.map((n) => [n.kind, n.fireAt.toISOString()])).toEqual([
      ['invitation', now.toISOString()],
      ['reminder', '2026-11-30T02:00:00.000Z'], // 09:00 WIB the day before
      ['reminder', '2026-12-01T01:00:00.000Z'], // 08:00 WIB, two hours before
    ]);
    expect(await fire(now)).toBe(1);
    expect(await fire(new Date('2026-11-30T01:59:00Z'))).toBe(0);
    expect(await fire(new Date('2026-11-30T02:00:00Z'))).toBe(1);
    // Firing again sends nothing twice.
    expect(await fire(new Date('2026-11-30T02:30:00Z'))).toBe(0);
    const texts = await queuedTexts();
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Undangan pendampingan: Bimtek pembukuan');
    expect(texts[1]).toContain('Pengingat pendampingan');
    expect(texts[1]).toContain('1 Desember 2026 pukul 10.00 WIB');
  });

  it.skipIf(backend.skipReason)('refuses a time in the past and a group that is not the facilitator\'s', async () => {
    expect(await create('2026-11-27T10:00')).toEqual({ ok: false, problem: 'in-past' });
    expect(await create('2026-02-30T10:00')).toEqual({ ok: false, problem: 'bad-time' });
    const other = await db.prisma.kpmGroup.create({ data: { name: 'Kelompok lain', programCode: 'UEP', regency: 'Kota Serang' } });
    const result = await db.prisma.$transaction((tx) => createSession(tx, actor, { title: 'X', startsLocal: '2026-12-01T10:00', place: 'Y', groupIds: [other.id] }, DEFAULT_REMINDER_OFFSETS, now));
    expect(result).toEqual({ ok: false, problem: 'no-group' });
  });

  it.skipIf(backend.skipReason)('a facilitator cannot reach another group\'s session', async () => {
    const created = await create();
    if (!created.ok) throw new Error('not created');
    const other = await db.prisma.staffUser.create({ data: { username: 'pendamping2', displayName: 'Pak Budi', role: 'facilitator', passwordHash: 'x' } });
    const stranger: SessionActor = { staffUserId: other.id, role: 'facilitator', channel: 'dashboard', chatId: 'pendamping2' };
    await db.prisma.$transaction(async (tx) => {
      expect(await listSessions(tx, stranger)).toEqual([]);
      expect(await sessionDetail(tx, stranger, created.value.id)).toBeNull();
      expect(await cancelSession(tx, stranger, created.value.id, now)).toEqual({ ok: false, problem: 'not-found' });
      expect(await rescheduleSession(tx, stranger, created.value.id, '2026-12-02T10:00', DEFAULT_REMINDER_OFFSETS, now)).toEqual({ ok: false, problem: 'not-found' });
      expect(await markAttendance(tx, stranger, created.value.id, new Map([[1, true]]), now)).toEqual({ ok: false, problem: 'not-found' });
      // An operator reaches it; an auditor does not.
      expect(await listSessions(tx, { ...stranger, role: 'operator' })).toHaveLength(1);
      expect(await listSessions(tx, { ...stranger, role: 'auditor' })).toEqual([]);
    });
  });

  it.skipIf(backend.skipReason)('rescheduling tells everyone invited, and the old reminders are never sent', async () => {
    const created = await create();
    if (!created.ok) throw new Error('not created');
    await fire(now);
    const moved = await db.prisma.$transaction((tx) => rescheduleSession(tx, actor, created.value.id, '2026-12-03T13:30', DEFAULT_REMINDER_OFFSETS, new Date(now.getTime() + HOUR)));
    expect(moved.ok).toBe(true);
    // The old "day before" time passes: nothing is sent for it.
    expect(await fire(new Date('2026-11-30T02:05:00Z'))).toBe(1); // only the reschedule notice
    let texts = await queuedTexts();
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('Perubahan jadwal');
    expect(texts[1]).toContain('3 Desember 2026 pukul 13.30 WIB');
    expect(await fire(new Date('2026-12-01T01:00:00Z'))).toBe(0);
    // The new reminders come on their own time.
    expect(await fire(new Date('2026-12-02T02:00:00Z'))).toBe(1);
    texts = await queuedTexts();
    expect(texts.at(-1)).toContain('Pengingat pendampingan');
    expect(texts.at(-1)).toContain('3 Desember 2026');
  });

  it.skipIf(backend.skipReason)('cancelling sends a short notice and drops the pending reminders', async () => {
    const created = await create();
    if (!created.ok) throw new Error('not created');
    await fire(now);
    expect(await db.prisma.$transaction((tx) => cancelSession(tx, actor, created.value.id, now))).toEqual({ ok: true, value: null });
    expect(await fire(new Date('2026-12-01T02:00:00Z'))).toBe(1);
    const texts = await queuedTexts();
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('dibatalkan');
    expect(texts[1]).not.toContain('Hadir');
    const pending = await db.prisma.sessionNotice.count({ where: { firedAt: null } });
    expect(pending).toBe(0);
  });

  it.skipIf(backend.skipReason)('a KPM\'s answer reaches the RSVP from any state and can change until the start', async () => {
    const created = await create();
    if (!created.ok) throw new Error('not created');
    await fire(now);
    const answer = async (content: { kind: 'text'; text: string } | { kind: 'choice'; choiceId: string }, at: Date, lastActivityAt: Date | null) => {
      const emitted: EmittedReply[] = [];
      const handled = await db.prisma.$transaction((tx) =>
        interceptRsvp({ tx, message: { channel: 'telegram', chatId: '501', externalId: String(Math.random()), content }, emit: (r) => emitted.push(r), forgetSender: () => {}, language: 'id', lastActivityAt }, at),
      );
      return { handled, key: (emitted[0]?.spec as ReplySpec | undefined)?.lines[0]?.key };
    };
    const before = new Date(now.getTime() - HOUR);
    // "1" right after the invitation is an answer ...
    expect(await answer({ kind: 'text', text: '1' }, now, before)).toEqual({ handled: true, key: 'rsvp.coming' });
    // ... but a second "2" is not: it is answered already, so it goes to the conversation.
    expect(await answer({ kind: 'text', text: '2' }, now, now)).toEqual({ handled: false, key: undefined });
    // Words and buttons change the answer whatever came in between.
    expect(await answer({ kind: 'text', text: 'Tidak bisa hadir' }, now, now)).toEqual({ handled: true, key: 'rsvp.notComing' });
    expect(await answer({ kind: 'choice', choiceId: `rsvp:${created.value.id}:yes` }, now, now)).toEqual({ handled: true, key: 'rsvp.coming' });
    // Another chat cannot answer for Siti.
    const stranger = await db.prisma.$transaction((tx) =>
      interceptRsvp({ tx, message: { channel: 'telegram', chatId: '999', externalId: 'x', content: { kind: 'text', text: 'hadir' } }, emit: () => {}, forgetSender: () => {}, language: 'id', lastActivityAt: null }, now),
    );
    expect(stranger).toBe(false);
    // After the start the answer is closed.
    expect(await answer({ kind: 'choice', choiceId: `rsvp:${created.value.id}:no` }, new Date('2026-12-01T03:00:00Z'), now)).toEqual({ handled: true, key: 'rsvp.closed' });
    const invitation = await db.prisma.sessionInvitation.findFirstOrThrow();
    expect(invitation.rsvp).toBe('coming');
  });
});
