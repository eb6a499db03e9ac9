import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/channels/channel-port.js';
import { ConversationEngine } from '../../src/engine/conversation-engine.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { applyMigrations } from '../../src/storage/migrations/apply-migrations.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { echoFlowBinding, renderEcho } from '../support/echo-flow.js';

const logger = pino({ level: 'silent' });

function engineOn(db: Database, options: { idleTimeoutMs?: number; effectDelayMs?: number } = {}) {
  return new ConversationEngine({
    db,
    flow: echoFlowBinding({ effectDelayMs: options.effectDelayMs }),
    render: renderEcho,
    logger,
    idleTimeoutMs: options.idleTimeoutMs ?? 30 * 60_000,
    sweepIntervalMs: 50,
  });
}

function text(chatId: string, externalId: string, body: string): InboundMessage {
  return { channel: 'telegram', chatId, externalId, content: { kind: 'text', text: body } };
}

async function repliesOf(db: Database, chatId: string): Promise<string[]> {
  const rows = await db.prisma.outboundMessage.findMany({ where: { chatId }, orderBy: { id: 'asc' } });
  return rows.map((row) => (row.payload as { text: string }).text);
}

describe.each(backends)('conversation engine on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });

  it.skipIf(backend.skipReason)('processes 50 concurrent messages to one chat in order, each exactly once', async () => {
    const engine = engineOn(db, { effectDelayMs: 1 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => engine.receive(text('chat-1', `u${i}`, `m${i}`))),
    );
    expect(results.every((result) => result === 'stored')).toBe(true);
    await engine.idle();

    const inbound = await db.prisma.inboundMessage.findMany({ where: { chatId: 'chat-1' }, orderBy: { id: 'asc' } });
    expect(inbound.every((row) => row.status === 'done')).toBe(true);
    // Texts are gone once processed; each message's text is "m" + the number in its id.
    const storedOrder = inbound.map((row) => `m${row.externalId.slice(1)}`);
    // Replies number 1..50 and follow the order the messages were stored in: none skipped, none twice.
    expect(await repliesOf(db, 'chat-1')).toEqual(storedOrder.map((body, i) => `${i + 1}:${body}`));
  });

  it.skipIf(backend.skipReason)('keeps no message text once a message is answered, only its kind and delivery facts', async () => {
    const engine = engineOn(db);
    await engine.receive({ ...text('priv', 'x1', 'NIK 3673035203789001 Siti Contoh Rahayu'), sender: { phone: '+6281200000001', displayName: 'Siti' } });
    await engine.idle();
    expect(await repliesOf(db, 'priv')).toEqual(['1:NIK 3673035203789001 Siti Contoh Rahayu']);
    const rows = await db.prisma.$queryRaw<Array<{ payload: string; status: string; external_id: string; received_at: Date; redacted_at: Date | null }>>`
      SELECT payload::text AS payload, status, external_id, received_at, redacted_at FROM inbound_message WHERE chat_id = 'priv'`;
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(JSON.parse(row.payload)).toEqual({ content: { kind: 'text' } });
    expect(row.payload).not.toMatch(/3673|Siti|6281/);
    expect(row).toMatchObject({ status: 'done', external_id: 'x1' });
    expect(row.received_at).toBeInstanceOf(Date);
    expect(row.redacted_at).toBeInstanceOf(Date);
  });

  it.skipIf(backend.skipReason)('processes a duplicate update id once', async () => {
    const engine = engineOn(db);
    expect(await engine.receive(text('chat-2', 'same', 'hello'))).toBe('stored');
    expect(await engine.receive(text('chat-2', 'same', 'hello'))).toBe('duplicate');
    await engine.idle();
    expect(await engine.receive(text('chat-2', 'same', 'hello'))).toBe('duplicate');
    await engine.idle();
    expect(await repliesOf(db, 'chat-2')).toEqual(['1:hello']);
  });

  it.skipIf(backend.skipReason)('stores a message sent twice at the same moment once', async () => {
    const engine = engineOn(db);
    // Both arrive in one event-loop turn, so they share one batched insert.
    const outcomes = await Promise.all([engine.receive(text('chat-3', 'twin', 'hi')), engine.receive(text('chat-3', 'twin', 'hi'))]);
    expect(outcomes.sort()).toEqual(['duplicate', 'stored']);
    await engine.idle();
    expect(await repliesOf(db, 'chat-3')).toEqual(['1:hi']);
  });

  it.skipIf(backend.skipReason)('keeps chats apart', async () => {
    const engine = engineOn(db);
    await Promise.all([
      engine.receive(text('a', 'a1', 'x')),
      engine.receive(text('b', 'b1', 'y')),
      engine.receive(text('a', 'a2', 'z')),
    ]);
    await engine.idle();
    expect(await repliesOf(db, 'a')).toEqual(['1:x', '2:z']);
    expect(await repliesOf(db, 'b')).toEqual(['1:y']);
  });

  it.skipIf(backend.skipReason)('sends the idle reset before a message that comes after the timeout', async () => {
    const engine = engineOn(db, { idleTimeoutMs: 60_000 });
    await engine.receive(text('c', 'c1', 'first'));
    await engine.idle();
    await db.prisma.conversation.updateMany({ data: { lastActivityAt: new Date(Date.now() - 61_000) } });
    await engine.receive(text('c', 'c2', 'second'));
    await engine.idle();
    expect(await repliesOf(db, 'c')).toEqual(['1:first', 'reset', '2:second']);
  });

  it.skipIf(backend.skipReason)('picks up messages left pending by a process that died', async () => {
    // Stored but never processed, as if the process crashed right after acknowledging the webhook.
    await db.prisma.inboundMessage.create({
      data: { channel: 'telegram', chatId: 'd', externalId: 'd1', payload: { content: { kind: 'text', text: 'orphan' } } },
    });
    const engine = engineOn(db);
    engine.start();
    await expect.poll(() => repliesOf(db, 'd'), { timeout: 5_000 }).toEqual(['1:orphan']);
    await engine.stop();
  });

  it.skipIf(backend.skipReason || backend.kind !== 'postgres')(
    'keeps order and exactly-once when two processes share the database',
    async () => {
      const second = await db.openAnother();
      const engines = [engineOn(db, { effectDelayMs: 1 }), engineOn(second, { effectDelayMs: 1 })];
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => engines[i % 2]!.receive(text('shared', `s${i}`, `m${i}`))),
      );
      await Promise.all(engines.map((engine) => engine.idle()));
      const inbound = await db.prisma.inboundMessage.findMany({ where: { chatId: 'shared' }, orderBy: { id: 'asc' } });
      const storedOrder = inbound.map((row) => `m${row.externalId.slice(1)}`);
      expect(await repliesOf(db, 'shared')).toEqual(storedOrder.map((body, i) => `${i + 1}:${body}`));
    },
  );
});

describe('conversation engine across a restart (PGlite on disk)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpm-engine-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes the conversation where it was', async () => {
    let db = await openDatabase({ dataDir: dir });
    await applyMigrations(db);
    let engine = engineOn(db);
    await engine.receive(text('r', 'r1', 'before'));
    await engine.idle();
    await engine.stop();
    await db.close();

    db = await openDatabase({ dataDir: dir });
    await applyMigrations(db);
    engine = engineOn(db);
    await engine.receive(text('r', 'r2', 'after'));
    expect(await engine.receive(text('r', 'r1', 'before'))).toBe('duplicate');
    await engine.idle();
    expect(await repliesOf(db, 'r')).toEqual(['1:before', '2:after']);
    await db.close();
  });
});

describe.each(backends)('a message that always fails on $kind', (backend) => {
  it.skipIf(backend.skipReason)('is set aside after three tries with an apology, and the chat moves on', async () => {
    const db = await backend.open();
    try {
      const engine = engineOn(db);
      engine.start();
      await engine.receive(text('p', 'p1', 'before'));
      await engine.receive(text('p', 'p2', 'poison'));
      await engine.receive(text('p', 'p3', 'after'));
      await expect.poll(() => repliesOf(db, 'p'), { timeout: 20_000 }).toEqual(['1:before', 'sorry', '2:after']);
      await engine.stop();
      const poison = await db.prisma.inboundMessage.findFirstOrThrow({ where: { externalId: 'p2' } });
      expect(poison.status).toBe('failed');
      expect(poison.attempts).toBe(3);
      // Set aside for good: its text goes too (while it was retried it kept its text, or it could not have been retried).
      expect(poison.payload).toEqual({ content: { kind: 'text' } });
    } finally {
      await db.dispose();
    }
  });
});
