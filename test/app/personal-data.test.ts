import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app/create-runtime.js';
import type { InboundMessage } from '../../src/channels/channel-port.js';
import { loadConfig } from '../../src/config/load-config.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { RecordingChannel } from '../support/recording-channel.js';

const NIK = '3673035203789001';
const NAME = 'Siti Contoh Rahayu';
const MASKED = 'S*** C***** R*****';
/** A phone that is not the one registered for the NIK, so the name is asked. */
const PHONE = '+6281299990000';
const CHAT = '6281299990000@s.whatsapp.net';

/**
 * What the database keeps of a real conversation (the whole product: engine, KPM flow, effects,
 * outbox), read back as raw rows: no NIK in a snapshot, no text in a processed message, and a
 * chat that asked to be forgotten is.
 */
describe.each(backends)('personal data at rest on $kind', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  let channel: RecordingChannel;
  let counter = 0;

  beforeAll(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    await seedDemoData(db);
  });
  afterAll(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });
  beforeEach(async () => {
    if (backend.skipReason) return;
    const p = db.prisma;
    await p.$transaction([p.conversation.deleteMany(), p.inboundMessage.deleteMany(), p.outboundMessage.deleteMany(), p.auditLog.deleteMany(), p.verificationAttempt.deleteMany()]);
    channel = new RecordingChannel('whatsapp');
    runtime = await createRuntime({
      config: loadConfig({}),
      db,
      channels: [channel],
      logger: pino({ level: 'silent' }),
      rateLimits: () => ({ perChatPerSecond: 1_000, perChatBurst: 1_000, globalPerSecond: 10_000 }),
    });
    runtime.start();
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await runtime.stop();
  });

  /** One message from the person; resolves with the reply it produced, once it was sent. */
  async function say(text: string): Promise<string> {
    const before = channel.sent.length;
    counter += 1;
    const message: InboundMessage = { channel: 'whatsapp', chatId: CHAT, externalId: `m${counter}`, content: { kind: 'text', text }, sender: { phone: PHONE } };
    expect(await runtime.engine.receive(message)).toBe('stored');
    await expect.poll(() => channel.sent.length, { timeout: 15_000 }).toBeGreaterThan(before);
    // With its choices' labels, as a channel without buttons writes them under the text.
    return channel.sent
      .slice(before)
      .map(({ content }) => (content.kind === 'text' ? [content.text, ...(content.choices ?? []).map((choice) => choice.label)].join('\n') : ''))
      .join('\n---\n');
  }

  async function rawRows(table: 'conversation' | 'inbound_message' | 'outbound_message' | 'audit_log'): Promise<string> {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ row: string }>>(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
    return rows.map((r) => r.row).join('\n');
  }

  it.skipIf(backend.skipReason)('keeps the NIK sealed while the name is asked, and no text of any answered message', async () => {
    await say('halo');
    await say('1');
    expect(await say(NIK)).toMatch(/nama lengkap/i);

    const conversation = await rawRows('conversation');
    expect(conversation).toContain('askingName'); // the snapshot is there, waiting for the name
    expect(conversation).toContain('$sealed');
    expect(conversation).not.toContain(NIK);
    expect(conversation).not.toMatch(/\d{16}/);

    // The sealed NIK opens again for the next step: the name completes the check.
    expect(await say(NAME.toLowerCase())).toContain(MASKED);

    const inbound = await rawRows('inbound_message');
    expect(inbound.split('\n')).toHaveLength(4);
    expect(inbound).not.toContain(NIK);
    expect(inbound).not.toMatch(/siti|halo|6281299990000"/i); // no text, no sender phone (the chat id is the address)
    expect(await rawRows('conversation')).not.toContain(NIK);
  });

  it.skipIf(backend.skipReason)('"hapus data saya": asks, "tidak" keeps everything, "ya" erases the chat and unlinks it', async () => {
    await say('1');
    await say(NIK);
    expect(await say(NAME)).toContain(MASKED);
    await expect.poll(() => db.prisma.outboundMessage.count({ where: { chatId: CHAT, status: 'sent' } })).toBe(3);
    const linked = await db.prisma.conversation.findFirstOrThrow({ where: { chatId: CHAT } });
    expect(linked.recipientId).not.toBeNull();
    expect(linked.senderPhone).toBe(PHONE);

    const confirm = await say('hapus data saya');
    expect(confirm).toMatch(/menghapus data chat ini\?/);
    expect(confirm).toContain('1. Ya, hapus');
    expect(confirm).toContain('2. Tidak, jangan dihapus');
    expect(await say('tidak')).toMatch(/tidak ada data yang dihapus/i);
    expect((await db.prisma.conversation.findFirstOrThrow({ where: { chatId: CHAT } })).recipientId).toBe(linked.recipientId);
    expect(await db.prisma.auditLog.count({ where: { action: 'erase' } })).toBe(0);

    await say('hapus data saya');
    expect(await say('1')).toMatch(/sudah kami hapus/);

    const after = await db.prisma.conversation.findFirstOrThrow({ where: { chatId: CHAT } });
    expect(after).toMatchObject({ recipientId: null, senderPhone: null });
    expect(JSON.stringify(after.snapshot)).toMatch(/"recipientId":null/);
    // Every message of the chat lost its text, the replies that had been sent too.
    const inbound = await db.prisma.inboundMessage.findMany({ where: { chatId: CHAT } });
    expect(inbound.every((row) => row.redactedAt !== null && JSON.stringify(row.payload) === '{"content":{"kind":"text"}}')).toBe(true);
    const outbound = await db.prisma.outboundMessage.findMany({ where: { chatId: CHAT }, orderBy: { id: 'asc' } });
    const beforeErase = outbound.slice(0, -1); // the last one is the confirmation of the erasure
    expect(beforeErase.every((row) => row.redactedAt !== null && JSON.stringify(row.payload) === '{"kind":"text"}')).toBe(true);
    expect(beforeErase.every((row) => row.status === 'sent' && row.externalId !== null)).toBe(true);
    expect(await rawRows('outbound_message')).not.toContain(MASKED);

    // The audit keeps the fact of erasure and who it concerned, and no content at all.
    const audit = await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual(['link', 'disclose.eligibility', 'erase']);
    expect(audit.at(-1)).toMatchObject({ channel: 'whatsapp', chatId: CHAT, recipientId: linked.recipientId });
    expect(await rawRows('audit_log')).not.toMatch(new RegExp(`${NIK}|Siti|${PHONE.slice(1)}"`));

    // Unlinked: status needs the NIK again.
    expect(await say('2')).toMatch(/NIK/);
  });
});
