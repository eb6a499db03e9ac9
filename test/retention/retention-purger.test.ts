import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetentionPurger } from '../../src/retention/retention-purger.js';
import { backends, type TestDatabase } from '../support/backends.js';

const DAY = 24 * 60 * 60_000;
/** The injected clock: every age below is measured back from it. */
const NOW = new Date('2030-03-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const TEXT = 'NIK 3673035203789001 Siti Contoh Rahayu';

function purgerOn(db: TestDatabase, options: { batchSize?: number } = {}) {
  return new RetentionPurger({
    db,
    logger: pino({ level: 'silent' }),
    now: () => NOW,
    settings: { messageRetentionMs: 7 * DAY, verificationWindowMs: DAY, idleTimeoutMs: 30 * 60_000, secretContextFields: ['nik'] },
    ...options,
  });
}

describe.each(backends)('retention purge on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });

  it.skipIf(backend.skipReason)('clears old message bodies, keeps recent and unsent ones and every delivery fact', async () => {
    const body = { content: { kind: 'text', text: TEXT }, sender: { phone: '+6281200000001' } };
    await db.prisma.inboundMessage.createMany({
      data: [
        { channel: 'whatsapp', chatId: 'a', externalId: 'old-done', payload: body, status: 'done', receivedAt: ago(8 * DAY), processedAt: ago(8 * DAY) },
        { channel: 'whatsapp', chatId: 'a', externalId: 'old-failed', payload: body, status: 'failed', receivedAt: ago(9 * DAY) },
        { channel: 'whatsapp', chatId: 'a', externalId: 'old-pending', payload: body, status: 'pending', receivedAt: ago(8 * DAY) },
        { channel: 'whatsapp', chatId: 'a', externalId: 'recent-done', payload: body, status: 'done', receivedAt: ago(6 * DAY) },
      ],
    });
    const reply = { kind: 'text', text: `Status bantuan atas nama S*** C***** R*****: ${TEXT}` };
    await db.prisma.outboundMessage.createMany({
      data: [
        { channel: 'whatsapp', chatId: 'a', payload: reply, status: 'sent', createdAt: ago(8 * DAY), sentAt: ago(8 * DAY), externalId: 'wamid.1', deliveryStatus: 'read' },
        { channel: 'whatsapp', chatId: 'a', payload: reply, status: 'failed', createdAt: ago(8 * DAY), lastError: 'blocked' },
        { channel: 'whatsapp', chatId: 'a', payload: reply, status: 'pending', createdAt: ago(8 * DAY) },
        { channel: 'whatsapp', chatId: 'a', payload: reply, status: 'sent', createdAt: ago(2 * DAY), externalId: 'wamid.2' },
      ],
    });

    const counts = await purgerOn(db).runOnce();
    expect(counts).toMatchObject({ inboundBodies: 2, outboundBodies: 2 });

    const inbound = await db.prisma.inboundMessage.findMany({ orderBy: { id: 'asc' } });
    const kept = (externalId: string) => JSON.stringify(inbound.find((row) => row.externalId === externalId)!.payload).includes('3673');
    expect(inbound.map((row) => [row.externalId, kept(row.externalId)])).toEqual([
      ['old-done', false],
      ['old-failed', false],
      ['old-pending', true], // not answered yet: it still needs its text
      ['recent-done', true],
    ]);
    const oldDone = inbound[0]!;
    expect(oldDone.payload).toEqual({ content: { kind: 'text' } });
    expect(oldDone).toMatchObject({ status: 'done', chatId: 'a', receivedAt: ago(8 * DAY), redactedAt: NOW });

    const outbound = await db.prisma.outboundMessage.findMany({ orderBy: { id: 'asc' } });
    expect(outbound.map((row) => JSON.stringify(row.payload).includes('3673'))).toEqual([false, false, true, true]);
    expect(outbound[0]).toMatchObject({ payload: { kind: 'text' }, status: 'sent', externalId: 'wamid.1', deliveryStatus: 'read', sentAt: ago(8 * DAY) });
    expect(outbound[1]).toMatchObject({ payload: { kind: 'text' }, status: 'failed', lastError: 'blocked' });

    // Nothing left to do: a second run changes nothing.
    expect(await purgerOn(db).runOnce()).toEqual({ inboundBodies: 0, outboundBodies: 0, attempts: 0, idleSecrets: 0 });
  });

  it.skipIf(backend.skipReason)('works through a backlog in bounded batches', async () => {
    await db.prisma.outboundMessage.createMany({
      data: Array.from({ length: 25 }, () => ({ channel: 'telegram', chatId: 'b', payload: { kind: 'text', text: TEXT }, status: 'sent', createdAt: ago(30 * DAY) })),
    });
    expect((await purgerOn(db, { batchSize: 4 }).runOnce()).outboundBodies).toBe(25);
    expect(await db.prisma.outboundMessage.count({ where: { redactedAt: null } })).toBe(0);
  });

  it.skipIf(backend.skipReason)('deletes verification attempts older than their window', async () => {
    await db.prisma.verificationAttempt.createMany({
      data: [
        { channel: 'telegram', chatId: 'c', nikHash: 'h1', succeeded: false, at: ago(DAY + 60_000) },
        { channel: 'telegram', chatId: 'c', nikHash: 'h2', succeeded: false, at: ago(DAY - 60_000) },
      ],
    });
    expect((await purgerOn(db).runOnce()).attempts).toBe(1);
    expect((await db.prisma.verificationAttempt.findMany()).map((row) => row.nikHash)).toEqual(['h2']);
  });

  it.skipIf(backend.skipReason)('empties the secret left in an idle conversation, and only there', async () => {
    const snapshot = (nik: { $sealed: string }) => ({ status: 'active', value: { verification: 'askingName' }, context: { nik, language: 'id', recipientId: null } });
    const sealed = { $sealed: 'v1:aaaa:bbbb:cccc' };
    await db.prisma.conversation.createMany({
      data: [
        { channel: 'telegram', chatId: 'idle', machineId: 'kpm-assistant', machineVersion: 1, snapshot: snapshot(sealed), lastActivityAt: ago(32 * 60_000) },
        { channel: 'telegram', chatId: 'active', machineId: 'kpm-assistant', machineVersion: 1, snapshot: snapshot(sealed), lastActivityAt: ago(5 * 60_000) },
        // Idle too, but its next message is already stored (a backlog after a crash): it may still need the NIK.
        { channel: 'telegram', chatId: 'backlog', machineId: 'kpm-assistant', machineVersion: 1, snapshot: snapshot(sealed), lastActivityAt: ago(40 * 60_000) },
      ],
    });
    await db.prisma.inboundMessage.create({ data: { channel: 'telegram', chatId: 'backlog', externalId: 'b1', payload: { content: { kind: 'text', text: 'Siti' } }, receivedAt: ago(35 * 60_000) } });
    expect((await purgerOn(db).runOnce()).idleSecrets).toBe(1);
    const rows = await db.prisma.conversation.findMany({ orderBy: { chatId: 'asc' } });
    expect(rows.map((row) => [row.chatId, (row.snapshot as { context: { nik: unknown } }).context.nik])).toEqual([
      ['active', sealed],
      ['backlog', sealed],
      ['idle', null],
    ]);
    // The rest of the snapshot stays as it was.
    expect(rows[2]!.snapshot).toMatchObject({ value: { verification: 'askingName' }, context: { language: 'id' } });
  });
});
