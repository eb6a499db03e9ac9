import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/channels/channel-port.js';
import { ConversationEngine, type ConversationEngineOptions } from '../../src/engine/conversation-engine.js';
import type { Database } from '../../src/storage/database.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { echoFlowBinding, renderEcho, type EchoOptions } from '../support/echo-flow.js';

const logger = pino({ level: 'silent' });

function engineOn(db: Database, echo: EchoOptions = {}, options: Partial<ConversationEngineOptions> = {}) {
  return new ConversationEngine({
    db,
    flow: echoFlowBinding(echo),
    render: renderEcho,
    logger,
    idleTimeoutMs: 30 * 60_000,
    sweepIntervalMs: 50,
    ...options,
  });
}

function text(chatId: string, externalId: string, body: string): InboundMessage {
  return { channel: 'telegram', chatId, externalId, content: { kind: 'text', text: body } };
}

/** Every chat's replies, oldest first. */
async function repliesByChat(db: Database): Promise<Map<string, string[]>> {
  const rows = await db.prisma.outboundMessage.findMany({ orderBy: { id: 'asc' } });
  const byChat = new Map<string, string[]>();
  for (const row of rows) byChat.set(row.chatId, [...(byChat.get(row.chatId) ?? []), (row.payload as { text: string }).text]);
  return byChat;
}

const CHATS = 50;
const PER_CHAT = 4;

describe.each(backends)('conversations batched into transactions on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });

  it.skipIf(backend.skipReason)(`answers ${CHATS} chats × ${PER_CHAT} messages in a few transactions, each chat in order, each message once`, async () => {
    const transactions = new Set<string>();
    const engine = engineOn(db, { onTransaction: (_chat, id) => transactions.add(id) }, { conversationsPerBatch: CHATS });
    // Step-major, all at once, like webhooks from many people: chat c's k-th message is "c-k".
    const messages = Array.from({ length: CHATS * PER_CHAT }, (_, i) => {
      const chat = i % CHATS;
      const k = Math.floor(i / CHATS);
      return text(`c${chat}`, `${chat}-${k}`, `${chat}-${k}`);
    });
    const outcomes = await Promise.all(messages.map((message) => engine.receive(message)));
    expect(outcomes.every((outcome) => outcome === 'stored')).toBe(true);
    await engine.idle();

    const replies = await repliesByChat(db);
    expect(replies.size).toBe(CHATS);
    for (let chat = 0; chat < CHATS; chat += 1) {
      expect(replies.get(`c${chat}`)).toEqual(Array.from({ length: PER_CHAT }, (_, k) => `${k + 1}:${chat}-${k}`));
    }
    expect(await db.prisma.inboundMessage.count({ where: { status: { not: 'done' } } })).toBe(0);
    // One transaction per conversation would be 50 or more.
    expect(transactions.size).toBeLessThanOrEqual(3);
  });

  it.skipIf(backend.skipReason)('gives every turn of one transaction the same shared reads, and each transaction its own', async () => {
    const transactionOf = new Map<string, string>();
    const readsOf = new Map<string, unknown>();
    const engine = engineOn(db, {
      onTransaction: (chat, id) => transactionOf.set(chat, id),
      onReads: (chat, reads) => readsOf.set(chat, reads),
    });
    await Promise.all(Array.from({ length: 6 }, (_, chat) => engine.receive(text(`r${chat}`, `r${chat}-0`, 'a'))));
    await engine.idle();
    await engine.receive(text('r0', 'r0-1', 'b'));
    await engine.idle();
    // The first six went through one transaction, the last message through another.
    expect(new Set([...transactionOf.values()]).size).toBe(2);
    const first = readsOf.get('r1');
    expect(first).toBeDefined();
    for (let chat = 1; chat < 6; chat += 1) expect(readsOf.get(`r${chat}`)).toBe(first);
    expect(readsOf.get('r0')).toBeDefined();
    expect(readsOf.get('r0')).not.toBe(first);
  });

  it.skipIf(backend.skipReason)('a poisoned message neither loses nor holds up the other chats of its batch', async () => {
    const transactions = new Map<string, Set<string>>();
    const engine = engineOn(db, {
      onTransaction: (chat, id) => transactions.set(chat, new Set([...(transactions.get(chat) ?? []), id])),
    });
    const messages: InboundMessage[] = [];
    for (let k = 0; k < 3; k += 1) {
      for (let chat = 0; chat < 20; chat += 1) {
        const body = chat === 7 && k === 1 ? 'poison' : `m${k}`;
        messages.push(text(`p${chat}`, `${chat}-${k}`, body));
      }
    }
    await Promise.all(messages.map((message) => engine.receive(message)));
    // No sweep has run: everything below happened in the batches the webhooks started.
    await engine.idle();
    const replies = await repliesByChat(db);
    for (let chat = 0; chat < 20; chat += 1) {
      if (chat === 7) continue;
      expect(replies.get(`p${chat}`)).toEqual(['1:m0', '2:m1', '3:m2']);
    }
    // The poisoned chat was retried alone, one message at a time: its first message is answered,
    // the poison charged one attempt and kept (with its text) for the sweep, the next one waits.
    expect(replies.get('p7')).toEqual(['1:m0']);
    const poison = await db.prisma.inboundMessage.findFirstOrThrow({ where: { externalId: '7-1' } });
    expect(poison).toMatchObject({ status: 'pending', attempts: 1, payload: { content: { kind: 'text', text: 'poison' } } });
    expect((await db.prisma.inboundMessage.findFirstOrThrow({ where: { externalId: '7-2' } })).status).toBe('pending');

    // The sweep retries it until it is set aside with an apology; the chat then moves on.
    engine.start();
    await expect.poll(async () => (await repliesByChat(db)).get('p7'), { timeout: 20_000 }).toEqual(['1:m0', 'sorry', '2:m2']);
    await engine.stop();
    expect(await db.prisma.inboundMessage.findFirstOrThrow({ where: { externalId: '7-1' } })).toMatchObject({ status: 'failed', attempts: 3 });
    // The others were answered in batches shared with several chats, not one transaction each.
    const shared = [...transactions.entries()].filter(([chat]) => chat !== 'p7').flatMap(([, ids]) => [...ids]);
    expect(new Set(shared).size).toBeLessThan(shared.length);
  });

  it.skipIf(backend.skipReason || backend.kind !== 'postgres')(
    'keeps every chat in order and each message once when two processes batch the same chats',
    async () => {
      const second = await db.openAnother();
      const engines = [engineOn(db, { effectDelayMs: 1 }), engineOn(second, { effectDelayMs: 1 })];
      const sent: InboundMessage[] = [];
      for (let k = 0; k < 5; k += 1) for (let chat = 0; chat < 20; chat += 1) sent.push(text(`t${chat}`, `${chat}-${k}`, `${chat}-${k}`));
      await Promise.all(sent.map((message, i) => engines[i % 2]!.receive(message)));
      await Promise.all(engines.map((engine) => engine.idle()));
      // Each chat's replies follow the order its messages were stored in.
      const inbound = await db.prisma.inboundMessage.findMany({ orderBy: { id: 'asc' } });
      const replies = await repliesByChat(db);
      for (let chat = 0; chat < 20; chat += 1) {
        const stored = inbound.filter((row) => row.chatId === `t${chat}`).map((row) => row.externalId);
        expect(replies.get(`t${chat}`)).toEqual(stored.map((body, i) => `${i + 1}:${body}`));
      }
    },
  );
});
