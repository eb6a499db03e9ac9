import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundContent, SendOptions, SendResult } from '../../src/channels/channel-port.js';
import { createHolderId } from '../../src/outbox/holder-id.js';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import { DISPATCHED_UNCONFIRMED, IN_FLIGHT_UNKNOWN } from '../../src/outbox/outbox-store.js';
import { SentJournal } from '../../src/outbox/sent-journal.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { RecordingChannel } from '../support/recording-channel.js';

const logger = pino({ level: 'silent' });
const generous = { perChatPerSecond: 1_000, perChatBurst: 1_000, globalPerSecond: 10_000 };
const HOUR = 3_600_000;
const text = (t: string) => ({ kind: 'text', text: t });

/** A holder id of a process that is gone (a kill -9 on this machine). */
const deadHolder = () => createHolderId(spawnSync(process.execPath, ['-e', '0']).pid!, 1_000);

// Issue 9: a kill -9 mid-broadcast repeated the sends on the wire (2–8 per run). A bulk send is
// journaled as it leaves; a successor on the same machine records it sent, delivery unknown,
// instead of sending it again. Replies stay at-least-once.
describe.each(backends)('bulk sends through a kill on $kind', (backend) => {
  let db: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulk-journal-'));
    if (!backend.skipReason) db = await backend.open();
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(backend.skipReason)('a successor records a dispatched send without an outcome as sent, unconfirmed, and sends it not again', async () => {
    const killed = deadHolder().value;
    const later = new Date(Date.now() + HOUR);
    await db.prisma.lease.create({ data: { name: 'outbox-sender:telegram', holder: killed, expiresAt: later } });
    const bulk = (chatId: string, status: string) => ({ channel: 'telegram', chatId, payload: text(chatId), status, leaseUntil: status === 'sending' ? later : null, lane: 1, kind: 'proactive' });
    const rows = [
      bulk('on-wire', 'sending'), // dispatched, no answer yet at the kill
      bulk('refused', 'sending'), // dispatched, answered "not delivered"; the reschedule was not written yet
      bulk('answered', 'sending'), // answered "sent"; the batched write was not done yet
      bulk('marked-only', 'sending'), // marked in flight ahead of its slot, never dispatched
      bulk('settled', 'failed'), // dispatched, then the database recorded its failure
      { channel: 'telegram', chatId: 'reply', payload: text('reply'), status: 'sending', leaseUntil: later }, // a reply: never taken for sent
    ];
    for (const data of rows) await db.prisma.outboundMessage.create({ data });
    const id = async (chatId: string) => (await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId } })).id;
    const journal = new SentJournal(dir, killed);
    for (const chatId of ['on-wire', 'refused', 'answered', 'settled', 'reply']) journal.dispatched(await id(chatId));
    journal.notDelivered(await id('refused'));
    journal.record(await id('answered'), 'ext-answered');

    const channel = new RecordingChannel();
    const sender = new OutboxSender({ db, channels: [channel], rateLimits: () => generous, logger, pollIntervalMs: 20, journalDir: dir });
    sender.start();
    await expect.poll(() => channel.sent.length, { timeout: 10_000 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sender.stop();

    expect(channel.sent.map((entry) => entry.chatId).sort()).toEqual(['marked-only', 'refused', 'reply']);
    const row = (chatId: string) => db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId } });
    expect(await row('on-wire')).toMatchObject({ status: 'sent', deliveryStatus: 'unknown', lastError: DISPATCHED_UNCONFIRMED, attempts: 1 });
    expect(await row('answered')).toMatchObject({ status: 'sent', deliveryStatus: 'sent', externalId: 'ext-answered' });
    expect(await row('refused')).toMatchObject({ status: 'sent', deliveryStatus: 'sent', lastError: IN_FLIGHT_UNKNOWN });
    expect(await row('settled')).toMatchObject({ status: 'failed' });
    expect(await row('reply')).toMatchObject({ status: 'sent', deliveryStatus: 'sent', lastError: IN_FLIGHT_UNKNOWN });
    // Read once and gone.
    expect(SentJournal.read(dir, killed)).toEqual({ sent: [], unconfirmed: [] });
  });

  it.skipIf(backend.skipReason)('without a journal a successor sends the dispatched send again, as before (at-least-once)', async () => {
    const killed = deadHolder().value;
    const later = new Date(Date.now() + HOUR);
    await db.prisma.lease.create({ data: { name: 'outbox-sender:telegram', holder: killed, expiresAt: later } });
    const row = await db.prisma.outboundMessage.create({
      data: { channel: 'telegram', chatId: 'on-wire', payload: text('x'), status: 'sending', leaseUntil: later, lane: 1, kind: 'proactive' },
    });
    // Journaled in a directory this successor does not read (another machine's).
    new SentJournal(join(dir, 'elsewhere'), killed).dispatched(row.id);
    const channel = new RecordingChannel();
    const sender = new OutboxSender({ db, channels: [channel], rateLimits: () => generous, logger, pollIntervalMs: 20, journalDir: join(dir, 'here') });
    sender.start();
    await expect.poll(() => channel.sent.length, { timeout: 10_000 }).toBe(1);
    await sender.stop();
    expect(await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'sent', deliveryStatus: 'sent' });
  });

  it.skipIf(backend.skipReason)('the sender journals a bulk send as it leaves and its outcome as it comes, and a reply not at all', async () => {
    const holder = createHolderId();
    const channel = new HoldingChannel('held');
    channel.script('refused', { status: 'transient-error', reason: 'http 502' });
    await db.prisma.outboundMessage.createMany({
      data: [
        ...['held', 'refused', 'fine'].map((chatId) => ({ channel: 'telegram', chatId, payload: text(chatId), lane: 1, kind: 'proactive' })),
        { channel: 'telegram', chatId: 'reply', payload: text('reply') },
      ],
    });
    const id = async (chatId: string) => (await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId } })).id;
    const sender = new OutboxSender({ db, channels: [channel], rateLimits: () => generous, logger, pollIntervalMs: 20, journalDir: dir, holder });
    sender.start();
    await expect.poll(async () => (await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId: 'refused' } })).status, { timeout: 10_000 }).toBe('pending');
    await expect.poll(() => channel.sent.length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => channel.holding, { timeout: 10_000 }).toBe(true);
    // What a successor would read, were this process killed now.
    const [held, refused, fine, reply] = await Promise.all(['held', 'refused', 'fine', 'reply'].map(id));
    const lines = readFileSync(SentJournal.fileOf(dir, holder.value), 'utf8').split('\n');
    expect(lines).toContain(`d ${held}`);
    expect(lines.indexOf(`n ${refused}`)).toBeGreaterThan(lines.indexOf(`d ${refused}`));
    expect(lines.indexOf(`d ${fine}`)).toBeGreaterThanOrEqual(0);
    expect(lines.some((line) => line === `d ${reply}`)).toBe(false);
    expect(lines.some((line) => line.startsWith(`${reply} `))).toBe(true);
    expect(SentJournal.read(dir, holder.value).unconfirmed).toEqual([held]);
    channel.release();
    await sender.stop();
  });
});

/** A recording channel whose send to one chat is dispatched, then waits until released. */
class HoldingChannel extends RecordingChannel {
  holding = false;
  private released!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.released = resolve));

  constructor(private readonly heldChat: string) {
    super();
  }

  override async send(chatId: string, content: OutboundContent, options?: SendOptions): Promise<SendResult> {
    if (chatId === this.heldChat && !this.holding) {
      options?.onDispatch?.();
      this.holding = true;
      await this.gate;
      return { status: 'sent', externalId: 'ext-held' };
    }
    return super.send(chatId, content, options);
  }

  release(): void {
    this.released();
  }
}
