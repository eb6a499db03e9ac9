import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import { OutboxStore } from '../../src/outbox/outbox-store.js';
import { createProactive, type Proactive } from '../../src/proactive/index.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { addGroup, addKpm, shiftedClock, steppedClock } from './fixtures.js';

const logger = pino({ level: 'silent' });
const translate = createTranslator();
const generous = { perChatPerSecond: 1_000, perChatBurst: 1_000, globalPerSecond: 10_000 };
// 10:00 WIB: outside quiet hours.
const MORNING = '2026-12-01T03:00:00Z';

describe.each(backends)('broadcasts on $kind', (backend) => {
  let db: TestDatabase;
  let proactive: Proactive;
  let clock: ReturnType<typeof steppedClock>;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    clock = steppedClock(MORNING);
    proactive = createProactive({ db, translate, clock });
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('previews the reach and why others are left out', async () => {
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 't1' }] });
    await addKpm(db, { chats: [{ channel: 'whatsapp', chatId: 'w2' }] });
    const optedOut = await addKpm(db, { chats: [{ channel: 'telegram', chatId: 't3' }] });
    await db.prisma.conversation.update({ where: { channel_chatId: { channel: 'telegram', chatId: 't3' } }, data: { optedOutAt: new Date(MORNING) } });
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 't4', blocked: true }] });
    await addKpm(db, {});
    await addKpm(db, { phone: '6281234567890' });
    await db.prisma.conversation.create({ data: { channel: 'whatsapp', chatId: '6281234567890', machineId: 'kpm-assistant', machineVersion: 2, senderPhone: '6281234567890' } });
    await addKpm(db, { regency: 'Kabupaten Lebak', chats: [{ channel: 'telegram', chatId: 'other-regency' }] });

    const preview = await proactive.preview({ regencies: ['Kota Serang'] }, 'all');
    expect(preview.reach).toBe(2);
    expect(preview.byChannel).toEqual({ telegram: 1, whatsapp: 1 });
    expect(preview.leftOut).toEqual({ 'opted-out': 1, blocked: 1, 'never-chatted': 1, 'no-linked-chat': 1 });
    expect(optedOut.id).toBeGreaterThan(0);
    const onlyTelegram = await proactive.preview({ regencies: ['Kota Serang'], channels: ['telegram'] }, 'all');
    expect(onlyTelegram.reach).toBe(1);
  });

  it.skipIf(backend.skipReason)('creates once per request key, confirms once, and sends each KPM one message on the chat used last', async () => {
    const both = await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'old-tg' }, { channel: 'whatsapp', chatId: 'new-wa', language: 'en' }] });
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'tg-only' }] });
    const input = { requestKey: 'form-abc', createdById: null, target: { regencies: ['Kota Serang'] }, message: { kind: 'text' as const, text: 'Pertemuan kelompok Senin.' } };
    const first = await proactive.createBroadcast(input, 'all');
    const again = await proactive.createBroadcast(input, 'all');
    expect(again.id).toBe(first.id);
    expect(await db.prisma.broadcast.count()).toBe(1);

    const [one, two] = await Promise.all([proactive.confirmBroadcast(first.id, 'all'), proactive.confirmBroadcast(first.id, 'all')]);
    expect([one.enqueued?.queued, two.enqueued?.queued].sort()).toEqual([2, undefined]);
    expect((await proactive.confirmBroadcast(first.id, 'all')).enqueued).toBeNull();

    const telegram = new RecordingChannel('telegram');
    const whatsapp = new RecordingChannel('whatsapp');
    const sender = new OutboxSender({ db, channels: [telegram, whatsapp], rateLimits: () => generous, logger, pollIntervalMs: 20, clock });
    sender.start();
    await expect.poll(async () => (await proactive.progress(first.id)).sent, { timeout: 10_000 }).toBe(2);
    await sender.stop();
    expect(whatsapp.textsTo('new-wa')).toEqual(['Pertemuan kelompok Senin.']);
    expect(telegram.textsTo('old-tg')).toEqual([]);
    expect(telegram.textsTo('tg-only')).toHaveLength(1);
    const sends = await db.prisma.proactiveSend.findMany({ where: { recipientId: both.id } });
    expect(sends).toHaveLength(1);
  });

  it.skipIf(backend.skipReason)('a send its stopped sender left without an answer counts as unconfirmed, apart from the sent ones', async () => {
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'u1' }] });
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'u2' }] });
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'u3' }] });
    const broadcast = await proactive.createBroadcast({ requestKey: 'unconfirmed', createdById: null, target: { regencies: ['Kota Serang'] }, message: { kind: 'text', text: 'Info' } }, 'all');
    await proactive.confirmBroadcast(broadcast.id, 'all');
    const [first, second] = await db.prisma.outboundMessage.findMany({ orderBy: { id: 'asc' } });
    // The first was on the wire at a kill (the successor found it dispatched), the second answered.
    await db.prisma.outboundMessage.updateMany({ where: { id: { in: [first!.id, second!.id] } }, data: { status: 'sending' } });
    const store = new OutboxStore(db);
    expect(await store.markUnconfirmed([first!.id], null)).toBe(1);
    await store.markSent([{ id: second!.id, externalId: '7' }]);
    expect(await proactive.progress(broadcast.id)).toMatchObject({ total: 3, queued: 1, sent: 1, unconfirmed: 1 });
  });

  it.skipIf(backend.skipReason)('a facilitator reaches only their own groups', async () => {
    const mine = await addGroup(db, 'Kelompok Mawar');
    const theirs = await addGroup(db, 'Kelompok Melati');
    await addKpm(db, { groupId: mine, chats: [{ channel: 'telegram', chatId: 'm1' }] });
    await addKpm(db, { groupId: theirs, chats: [{ channel: 'telegram', chatId: 'x1' }] });
    const scope = { groupIds: [mine] };
    expect((await proactive.preview({ groupIds: [mine] }, scope)).reach).toBe(1);
    await expect(proactive.createBroadcast({ requestKey: 'k1', createdById: null, target: { groupIds: [theirs] }, message: { kind: 'text', text: 'x' } }, scope)).rejects.toThrow();
    await expect(proactive.createBroadcast({ requestKey: 'k2', createdById: null, target: { regencies: ['Kota Serang'] }, message: { kind: 'text', text: 'x' } }, scope)).rejects.toThrow();
  });

  it.skipIf(backend.skipReason)('cancelling a running broadcast stops what is not yet sent', async () => {
    for (let i = 0; i < 40; i += 1) await addKpm(db, { chats: [{ channel: 'telegram', chatId: `c${i}` }] });
    const broadcast = await proactive.createBroadcast({ requestKey: 'big', createdById: null, target: { regencies: ['Kota Serang'] }, message: { kind: 'text', text: 'Info' } }, 'all');
    await proactive.confirmBroadcast(broadcast.id, 'all');
    const telegram = new RecordingChannel('telegram');
    // 5 per second on a clock that really runs: past the first burst, the cancel lands part way through.
    const sender = new OutboxSender({ db, channels: [telegram], rateLimits: () => ({ perChatPerSecond: 1, perChatBurst: 1, globalPerSecond: 5 }), logger, pollIntervalMs: 20, clock: shiftedClock(MORNING) });
    sender.start();
    await expect.poll(() => telegram.sent.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(8);
    const { cancelled } = await proactive.cancelBroadcast(broadcast.id);
    expect(cancelled).toBe(true);
    const sentAtCancel = telegram.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    await sender.stop();
    // At most the few already in flight at the cancel went out after it.
    expect(telegram.sent.length - sentAtCancel).toBeLessThanOrEqual(2);
    const progress = await proactive.progress(broadcast.id);
    expect(progress.total).toBe(40);
    expect(progress.sent).toBe(telegram.sent.length);
    expect(progress.skipped.cancelled).toBe(40 - telegram.sent.length);
    expect(progress.queued).toBe(0);
  });

  it.skipIf(backend.skipReason)('an opt-out arriving while a broadcast is queued: nothing more reaches that person', async () => {
    const person = await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'tg-p' }, { channel: 'whatsapp', chatId: 'wa-p' }] });
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'tg-q' }] });
    const first = await proactive.createBroadcast({ requestKey: 'b1', createdById: null, target: { recipientIds: [person.id] }, message: { kind: 'text', text: 'Satu' } }, 'all');
    await proactive.confirmBroadcast(first.id, 'all');
    const everyone = await proactive.createBroadcast({ requestKey: 'b2', createdById: null, target: { regencies: ['Kota Serang'] }, message: { kind: 'text', text: 'Dua' } }, 'all');
    await proactive.confirmBroadcast(everyone.id, 'all');
    // The person says BERHENTI on their other chat before the sender runs.
    expect(await proactive.setOptOut({ channel: 'telegram', chatId: 'tg-p' }, true)).toEqual({ changed: true });

    const telegram = new RecordingChannel('telegram');
    const whatsapp = new RecordingChannel('whatsapp');
    const sender = new OutboxSender({ db, channels: [telegram, whatsapp], rateLimits: () => generous, logger, pollIntervalMs: 20, clock });
    sender.start();
    await expect.poll(() => telegram.textsTo('tg-q'), { timeout: 10_000 }).toEqual(['Dua']);
    await sender.stop();
    expect(whatsapp.textsTo('wa-p')).toEqual([]);
    expect(telegram.textsTo('tg-p')).toEqual([]);
    expect((await proactive.progress(everyone.id)).skipped['opted-out']).toBe(1);
    // A later broadcast leaves them out from the start; MULAI brings them back.
    expect((await proactive.preview({ recipientIds: [person.id] }, 'all')).leftOut['opted-out']).toBe(1);
    expect(await proactive.setOptOut({ channel: 'whatsapp', chatId: 'wa-p' }, false)).toEqual({ changed: true });
    expect((await proactive.preview({ recipientIds: [person.id] }, 'all')).reach).toBe(1);
    const audit = await db.prisma.auditLog.findMany({ where: { action: { in: ['proactive.opt-out', 'proactive.opt-in'] } }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual(['proactive.opt-out', 'proactive.opt-in']);
  });

  it.skipIf(backend.skipReason)('a broadcast confirmed at night waits for each KPM\'s morning, in WIB, WITA and WIT', async () => {
    // 22:00 WIB = 23:00 WITA = 00:00 WIT.
    clock.set('2026-12-01T15:00:00Z');
    await addKpm(db, { province: '36', chats: [{ channel: 'telegram', chatId: 'wib' }] });
    await addKpm(db, { province: '73', chats: [{ channel: 'telegram', chatId: 'wita' }] });
    await addKpm(db, { province: '91', chats: [{ channel: 'telegram', chatId: 'wit' }] });
    const broadcast = await proactive.createBroadcast({ requestKey: 'night', createdById: null, target: { regencies: ['Kota Serang'] }, message: { kind: 'text', text: 'Pagi' } }, 'all');
    await proactive.confirmBroadcast(broadcast.id, 'all');
    const rows = await db.prisma.outboundMessage.findMany({ where: { lane: 1 }, orderBy: { chatId: 'asc' } });
    expect(rows.map((row) => [row.chatId, row.nextAttemptAt.toISOString()])).toEqual([
      ['wib', '2026-12-02T00:00:00.000Z'],
      ['wit', '2026-12-01T22:00:00.000Z'],
      ['wita', '2026-12-01T23:00:00.000Z'],
    ]);
    // Made due at night anyway (e.g. an override changed): the sender still holds it to the morning.
    await db.prisma.outboundMessage.updateMany({ where: { lane: 1 }, data: { nextAttemptAt: new Date('2026-12-01T15:00:00Z') } });
    const telegram = new RecordingChannel('telegram');
    const sender = new OutboxSender({ db, channels: [telegram], rateLimits: () => generous, logger, pollIntervalMs: 20, clock });
    sender.start();
    await expect.poll(async () => (await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: 'wib' } })).nextAttemptAt.toISOString(), { timeout: 10_000 }).toBe('2026-12-02T00:00:00.000Z');
    expect(telegram.sent).toHaveLength(0);
    clock.set('2026-12-01T22:30:00Z'); // 07:30 WIT, 06:30 WITA, 05:30 WIB
    sender.wake();
    await expect.poll(() => telegram.textsTo('wit'), { timeout: 10_000 }).toEqual(['Pagi']);
    expect(telegram.textsTo('wita')).toEqual([]);
    clock.set('2026-12-01T23:30:00Z'); // 07:30 WITA, 06:30 WIB
    sender.wake();
    await expect.poll(() => telegram.textsTo('wita'), { timeout: 10_000 }).toEqual(['Pagi']);
    expect(telegram.textsTo('wib')).toEqual([]);
    clock.set('2026-12-02T00:00:00Z');
    sender.wake();
    await expect.poll(() => telegram.textsTo('wib'), { timeout: 10_000 }).toEqual(['Pagi']);
    await sender.stop();
  });
});
