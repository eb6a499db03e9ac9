import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { fireDueNotices } from '../../src/mentoring/notice-dispatcher.js';
import { DEFAULT_REMINDER_OFFSETS } from '../../src/mentoring/reminder-offsets.js';
import { createSession } from '../../src/mentoring/sessions.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { addKpm } from '../proactive/fixtures.js';
import { facilitatorWithGroup } from './sessions-fixture.js';

const t = createTranslator();

/**
 * Issue 9: "a KPM added to a group later gets the future occurrences". For session notices: a
 * member who joins the group after the session was planned (and its invitation sent) gets the
 * reminders still to come, is invited, and may answer; the invitation already sent is not
 * sent to them late.
 */
describe.each(backends)('a KPM added to a group after a session was planned, on $kind', (backend) => {
  let db: TestDatabase;
  // The session: 2026-12-01 10:00 WIB; planned three days earlier at 08:00 WIB.
  const now = new Date('2026-11-28T01:00:00Z');

  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    await seedDemoData(db);
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('gets the reminders still to come, not the invitation sent before they joined', async () => {
    const { staffId, groupId, recipientId } = await facilitatorWithGroup(db);
    await db.prisma.conversation.create({ data: { channel: 'telegram', chatId: '501', machineId: 'kpm-assistant', machineVersion: 2, recipientId, lastActivityAt: now } });
    const actor = { staffUserId: staffId, role: 'facilitator', channel: 'dashboard', chatId: 'pendamping1' };
    const created = await db.prisma.$transaction((tx) =>
      createSession(tx, actor, { title: 'Bimtek pembukuan', startsLocal: '2026-12-01T10:00', place: 'Balai Desa', groupIds: [groupId] }, DEFAULT_REMINDER_OFFSETS, now),
    );
    if (!created.ok) throw new Error('not created');
    expect(await fireDueNotices({ db, translate: t, now })).toBe(1);

    // A day later the facilitator adds a KPM to the group.
    const newcomer = await addKpm(db, { groupId, chats: [{ channel: 'telegram', chatId: '502' }] });
    expect(await fireDueNotices({ db, translate: t, now: new Date('2026-11-29T01:00:00Z') })).toBe(0);

    // The day before at 09:00 WIB: the reminder reaches both.
    expect(await fireDueNotices({ db, translate: t, now: new Date('2026-11-30T02:00:00Z') })).toBe(1);
    const texts = async (chatId: string) =>
      (await db.prisma.outboundMessage.findMany({ where: { chatId, kind: 'proactive' }, orderBy: { id: 'asc' } })).map((row) => (row.payload as { text: string }).text);
    expect(await texts('501')).toEqual([expect.stringContaining('Undangan pendampingan'), expect.stringContaining('Pengingat pendampingan')]);
    expect(await texts('502')).toEqual([expect.stringContaining('Pengingat pendampingan')]);

    // They are invited like the others, and the reminder asked them on their chat.
    const invitation = await db.prisma.sessionInvitation.findUniqueOrThrow({ where: { sessionId_recipientId: { sessionId: created.value.id, recipientId: newcomer.id } } });
    expect(invitation).toMatchObject({ rsvp: null, promptChannel: 'telegram', promptChatId: '502' });

    // ... and the two hours before one too.
    expect(await fireDueNotices({ db, translate: t, now: new Date('2026-12-01T01:00:00Z') })).toBe(1);
    expect(await texts('502')).toHaveLength(2);
  });
});
