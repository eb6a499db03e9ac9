import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { createProactive, type Proactive } from '../../src/proactive/index.js';
import { scheduledBroadcastsJob, Scheduler } from '../../src/proactive/scheduler.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { addGroup, addKpm, steppedClock } from './fixtures.js';

const logger = pino({ level: 'silent' });
const translate = createTranslator();
// 10:00 WIB: outside quiet hours; the broadcast is for 12:00 WIB.
const MORNING = '2026-12-01T03:00:00.000Z';
const SEND_AT = '2026-12-01T05:00:00.000Z';

/**
 * A broadcast confirmed for later is queued by the scheduler when its time comes, for the
 * target's members then: once, whatever the number of runs or schedulers.
 */
describe.each(backends)('scheduled broadcasts on $kind', (backend) => {
  let db: TestDatabase;
  let clock: ReturnType<typeof steppedClock>;
  let proactive: Proactive;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    clock = steppedClock(MORNING);
    proactive = createProactive({ db, translate, clock });
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  /** A scheduler of its own (as another process would run), with only the broadcasts job. */
  function scheduler(): Scheduler {
    const own = createProactive({ db, translate, clock });
    return new Scheduler({ jobs: [scheduledBroadcastsJob(own, logger)], logger, clock });
  }

  async function scheduledTo(groupId: number, requestKey: string, sendAt = SEND_AT) {
    const broadcast = await proactive.createBroadcast(
      { requestKey, createdById: null, target: { groupIds: [groupId] }, message: { kind: 'text', text: 'Pertemuan kelompok siang ini.' }, sendAt: new Date(sendAt), timeZone: 'Asia/Jakarta' },
      'all',
    );
    return { broadcast, confirmed: await proactive.confirmBroadcast(broadcast.id, 'all') };
  }

  const messagesTo = (chatId: string) => db.prisma.outboundMessage.count({ where: { chatId, kind: 'proactive' } });

  it.skipIf(backend.skipReason)('reaches a KPM who joined the group or linked a chat after confirmation, exactly once', async () => {
    const group = await addGroup(db, 'KUBE Mawar');
    await addKpm(db, { groupId: group, chats: [{ channel: 'telegram', chatId: 'early' }] });
    const unlinked = await addKpm(db, { groupId: group, phone: '6281200000001' });
    const { broadcast, confirmed } = await scheduledTo(group, 'later-1');
    expect(confirmed).toMatchObject({ scheduled: true, enqueued: null });
    expect(await db.prisma.outboundMessage.count()).toBe(0);
    expect(await db.prisma.proactiveSend.count()).toBe(0);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'broadcast.confirm' } });
    expect(audit.details).toEqual({ broadcastId: broadcast.id, scheduled: true, sendAt: SEND_AT });

    // After confirmation: one KPM joins the group, the other links a chat.
    await addKpm(db, { groupId: group, chats: [{ channel: 'whatsapp', chatId: 'late-joiner' }] });
    await db.prisma.conversation.create({
      data: { channel: 'telegram', chatId: 'late-link', machineId: 'kpm-assistant', machineVersion: 2, recipientId: unlinked.id, lastActivityAt: new Date(MORNING) },
    });

    const first = scheduler();
    clock.set('2026-12-01T04:59:00Z');
    expect(await first.runJob('scheduled-broadcasts')).toBe(0);
    expect(await db.prisma.outboundMessage.count()).toBe(0);

    clock.set(SEND_AT);
    const second = scheduler();
    // Two schedulers at once (two processes on one database): one of them queues it.
    const runs = await Promise.all([first.runJob('scheduled-broadcasts'), second.runJob('scheduled-broadcasts')]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(3);
    for (const chatId of ['early', 'late-joiner', 'late-link']) expect(await messagesTo(chatId)).toBe(1);
    const waiting = await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: 'late-joiner' } });
    expect(waiting.nextAttemptAt.toISOString()).toBe(SEND_AT);
    expect((await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).enqueuedAt?.toISOString()).toBe(SEND_AT);

    // Again, later, and from a third scheduler: nothing more.
    clock.advance(60_000);
    expect(await first.runJob('scheduled-broadcasts')).toBe(0);
    expect(await scheduler().runJob('scheduled-broadcasts')).toBe(0);
    expect(await db.prisma.outboundMessage.count()).toBe(3);
    expect(await db.prisma.proactiveSend.count({ where: { sourceKind: 'broadcast', sourceId: broadcast.id } })).toBe(3);
    expect((await proactive.progress(broadcast.id)).queued).toBe(3);
  });

  it.skipIf(backend.skipReason)('a scheduled broadcast cancelled before its time never sends', async () => {
    const group = await addGroup(db, 'KUBE Melati');
    await addKpm(db, { groupId: group, chats: [{ channel: 'telegram', chatId: 'member' }] });
    const { broadcast } = await scheduledTo(group, 'later-2');
    clock.set('2026-12-01T04:00:00Z');
    expect(await proactive.cancelBroadcast(broadcast.id)).toEqual({ cancelled: true, stopped: 0 });
    clock.set(SEND_AT);
    expect(await scheduler().runJob('scheduled-broadcasts')).toBe(0);
    expect(await db.prisma.outboundMessage.count()).toBe(0);
    expect(await db.prisma.proactiveSend.count()).toBe(0);
    expect(await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).toMatchObject({ status: 'cancelled', enqueuedAt: null });
  });

  it.skipIf(backend.skipReason)('found long after its time (the process was down) it is still sent, once', async () => {
    const group = await addGroup(db, 'KUBE Anggrek');
    await addKpm(db, { groupId: group, chats: [{ channel: 'telegram', chatId: 'member' }] });
    await scheduledTo(group, 'later-3');
    clock.set('2026-12-01T08:00:00Z'); // 15:00 WIB, three hours late: far past a rule's late tolerance
    const run = scheduler();
    expect(await run.runJob('scheduled-broadcasts')).toBe(1);
    expect((await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: 'member' } })).nextAttemptAt.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(await run.runJob('scheduled-broadcasts')).toBe(0);
    expect(await messagesTo('member')).toBe(1);
  });

  it.skipIf(backend.skipReason)('a send time within the minute is queued at confirmation, and the job leaves it alone', async () => {
    const group = await addGroup(db, 'KUBE Kenanga');
    await addKpm(db, { groupId: group, chats: [{ channel: 'telegram', chatId: 'member' }] });
    const { broadcast, confirmed } = await scheduledTo(group, 'soon', '2026-12-01T03:00:30Z');
    expect(confirmed).toMatchObject({ scheduled: false, enqueued: { queued: 1 } });
    expect((await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).enqueuedAt?.toISOString()).toBe(MORNING);
    clock.set('2026-12-01T03:01:00Z');
    expect(await scheduler().runJob('scheduled-broadcasts')).toBe(0);
    expect(await messagesTo('member')).toBe(1);
  });
});
