import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mergeChat } from '../../src/engine/merge-chat.js';
import { openContext, sealContext } from '../../src/engine/seal-context.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { addKpm } from '../proactive/fixtures.js';

const LID = '190283746550123@lid';
const PN = '6281200000001@s.whatsapp.net';
const key = randomBytes(32);
const seal = { key, fields: ['nik'] };

/** A KPM assistant snapshot as the engine stores it for `chatId`: the NIK typed, sealed. */
function storedSnapshot(chatId: string) {
  const snapshot = { status: 'active', value: { verify: 'askingName' }, context: { channel: 'whatsapp', chatId, nik: '3673035203789001', recipientId: null } };
  return JSON.parse(JSON.stringify(sealContext(snapshot, seal, `whatsapp:${chatId}`))) as object;
}

describe.each(backends)('joining two chat ids of one person on $kind', (backend) => {
  let db: TestDatabase;

  beforeAll(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterAll(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });
  beforeEach(async () => {
    if (backend.skipReason) return;
    const p = db.prisma;
    await p.$transaction([
      p.conversation.deleteMany(),
      p.inboundMessage.deleteMany(),
      p.outboundMessage.deleteMany(),
      p.verificationAttempt.deleteMany(),
      p.auditLog.deleteMany(),
      p.facilitatorChat.deleteMany(),
      p.staffUser.deleteMany(),
    ]);
  });

  const conversations = () => db.prisma.conversation.findMany({ where: { channel: 'whatsapp' }, orderBy: { id: 'asc' } });

  it.skipIf(backend.skipReason)('renames a conversation only the LID had, with its snapshot sealed again and everything waiting moved', async () => {
    await db.prisma.conversation.create({ data: { channel: 'whatsapp', chatId: LID, machineId: 'kpm-assistant', machineVersion: 3, snapshot: storedSnapshot(LID), language: 'en' } });
    await db.prisma.inboundMessage.createMany({
      data: [
        { channel: 'whatsapp', chatId: LID, externalId: 'IN-DONE', payload: {}, status: 'done' },
        { channel: 'whatsapp', chatId: LID, externalId: 'IN-WAIT', payload: { content: { kind: 'text', text: 'siti' } } },
      ],
    });
    await db.prisma.outboundMessage.createMany({
      data: [
        { channel: 'whatsapp', chatId: LID, payload: {}, status: 'pending' },
        { channel: 'whatsapp', chatId: LID, payload: {}, status: 'claimed' },
      ],
    });
    await db.prisma.verificationAttempt.create({ data: { channel: 'whatsapp', chatId: LID, nikHash: 'h', succeeded: false } });
    await db.prisma.auditLog.create({ data: { action: 'link', channel: 'whatsapp', chatId: LID } });

    expect(await mergeChat(db, key, { channel: 'whatsapp', from: LID, into: PN })).toEqual({ outcome: 'renamed', pendingMoved: 1 });

    const [row, ...others] = await conversations();
    expect(others).toEqual([]);
    expect(row).toMatchObject({ chatId: PN, language: 'en', machineVersion: 3 });
    expect(JSON.stringify(row!.snapshot)).not.toContain('3673035203789001');
    expect(openContext(row!.snapshot as never, seal, `whatsapp:${PN}`)).toMatchObject({ context: { chatId: PN, nik: '3673035203789001' } });
    const inbound = await db.prisma.inboundMessage.findMany({ orderBy: { id: 'asc' } });
    expect(inbound.map((message) => [message.externalId, message.chatId])).toEqual([
      ['IN-DONE', LID],
      ['IN-WAIT', PN],
    ]);
    // A reply already claimed is on the wire to the LID, which reaches the same person.
    const outbound = await db.prisma.outboundMessage.findMany({ orderBy: { id: 'asc' } });
    expect(outbound.map((message) => [message.status, message.chatId])).toEqual([
      ['pending', PN],
      ['claimed', LID],
    ]);
    expect((await db.prisma.verificationAttempt.findFirstOrThrow()).chatId).toBe(PN);
    // The audit log says what happened under which id.
    expect((await db.prisma.auditLog.findFirstOrThrow()).chatId).toBe(LID);
  });

  it.skipIf(backend.skipReason)('when both ids have a conversation, the linked one goes on under the phone number and an opt-out on either survives', async () => {
    const kpm = await addKpm(db);
    await db.prisma.conversation.create({
      data: { channel: 'whatsapp', chatId: PN, machineId: 'kpm-assistant', machineVersion: 3, optedOutAt: new Date('2026-11-01T00:00:00Z'), lastActivityAt: new Date('2026-11-20T00:00:00Z') },
    });
    await db.prisma.conversation.create({
      data: { channel: 'whatsapp', chatId: LID, machineId: 'kpm-assistant', machineVersion: 3, recipientId: kpm.id, language: 'en', snapshot: storedSnapshot(LID), lastActivityAt: new Date('2026-11-10T00:00:00Z') },
    });

    expect((await mergeChat(db, key, { channel: 'whatsapp', from: LID, into: PN })).outcome).toBe('merged');

    const [row, ...others] = await conversations();
    expect(others).toEqual([]);
    expect(row).toMatchObject({ chatId: PN, recipientId: kpm.id, language: 'en', optedOutAt: new Date('2026-11-01T00:00:00Z') });
    expect(openContext(row!.snapshot as never, seal, `whatsapp:${PN}`)).toMatchObject({ context: { chatId: PN } });
  });

  it.skipIf(backend.skipReason)('keeps the phone number\'s own state when it is the linked one; takes the LID\'s opt-out', async () => {
    const kpm = await addKpm(db);
    await db.prisma.conversation.create({ data: { channel: 'whatsapp', chatId: PN, machineId: 'kpm-assistant', machineVersion: 3, recipientId: kpm.id, lastActivityAt: new Date('2026-11-01T00:00:00Z') } });
    await db.prisma.conversation.create({
      data: { channel: 'whatsapp', chatId: LID, machineId: 'kpm-assistant', machineVersion: 3, language: 'en', optedOutAt: new Date('2026-11-15T00:00:00Z'), lastActivityAt: new Date('2026-11-20T00:00:00Z') },
    });

    await mergeChat(db, key, { channel: 'whatsapp', from: LID, into: PN });

    const rows = await conversations();
    expect(rows.map((row) => [row.chatId, row.recipientId, row.language, row.optedOutAt])).toEqual([[PN, kpm.id, 'id', new Date('2026-11-15T00:00:00Z')]]);
  });

  it.skipIf(backend.skipReason)('moves a facilitator\'s link; with nothing under the LID, does nothing', async () => {
    const staff = await db.prisma.staffUser.create({ data: { username: 'pendamping9', displayName: 'Bu Rina', role: 'facilitator', passwordHash: 'x' } });
    await db.prisma.conversation.create({ data: { channel: 'whatsapp', chatId: LID, machineId: 'facilitator', machineVersion: 1 } });
    await db.prisma.facilitatorChat.create({ data: { channel: 'whatsapp', chatId: LID, staffUserId: staff.id, linkedAt: new Date() } });

    await mergeChat(db, key, { channel: 'whatsapp', from: LID, into: PN });
    expect((await db.prisma.facilitatorChat.findMany()).map((chat) => chat.chatId)).toEqual([PN]);

    expect(await mergeChat(db, key, { channel: 'whatsapp', from: LID, into: PN })).toEqual({ outcome: 'nothing', pendingMoved: 0 });
  });
});
