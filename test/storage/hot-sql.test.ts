import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboxWriter } from '../../src/engine/inbox-writer.js';
import { tryAcquireLease } from '../../src/outbox/lease.js';
import { leaseName, OutboxStore } from '../../src/outbox/outbox-store.js';
import { backends, type TestDatabase } from '../support/backends.js';

/** Text that breaks naive array literals and encodings. */
const AWKWARD = ['say "hi"', 'back\\slash', 'a,b', '{braces}', 'NULL', 'ünï € 😀', ''];

describe.each(backends)('the message path on the driver itself (hot-sql) on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });

  it.skipIf(backend.skipReason)('runs one statement again and again with array parameters, text intact and int8 as text', async () => {
    for (const round of [1, 2, 3]) {
      const rows = await db.sql.query<{ a: string | null; position: string }>('SELECT a, position::text AS position FROM unnest($1::text[]) WITH ORDINALITY AS k(a, position)',
        [[...AWKWARD, null, `round ${round}`]],
      );
      expect(rows.map((row) => row.a)).toEqual([...AWKWARD, null, `round ${round}`]);
      expect(rows.map((row) => row.position)).toEqual(Array.from({ length: AWKWARD.length + 2 }, (_, i) => String(i + 1)));
    }
  });

  it.skipIf(backend.skipReason)('prepares a named statement once per connection on PostgreSQL, with the same rows as unnamed', async () => {
    const text = 'SELECT a FROM unnest($1::text[]) AS k(a) WHERE a <> $2::text';
    for (const round of [1, 2, 3, 4, 5, 6, 7]) {
      expect(await db.sql.query(text, [[...AWKWARD, `round ${round}`], 'a,b'], 'probe-statement')).toEqual(await db.sql.query(text, [[...AWKWARD, `round ${round}`], 'a,b']));
    }
    // One statement at a time: the pool has kept to one connection, the one asked here.
    const prepared = await db.sql.query<{ name: string }>('SELECT name FROM pg_prepared_statements', []);
    expect(prepared.map((row) => row.name)).toEqual(backend.kind === 'postgres' ? ['probe-statement'] : []);
  });

  it.skipIf(backend.skipReason)('stores webhook messages with awkward ids and text exactly, each once', async () => {
    const inbox = new InboxWriter(db);
    const messages = AWKWARD.map((text, i) => ({ channel: 'telegram' as const, chatId: `c${i % 2}`, externalId: `${text}#${i}`, content: { kind: 'text' as const, text } }));
    expect(await Promise.all(messages.map((message) => inbox.store(message)))).toEqual(messages.map(() => 'stored'));
    expect(await inbox.store(messages[0]!)).toBe('duplicate');
    const rows = await db.prisma.inboundMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.externalId, (row.payload as { content: { text: string } }).content.text])).toEqual(messages.map((m) => [m.externalId, m.content.text]));
  });

  it.skipIf(backend.skipReason)('claims and marks in flight only under the lease, and marks sent with the platform ids', async () => {
    const store = new OutboxStore(db);
    await db.prisma.outboundMessage.createMany({
      data: [
        { channel: 'telegram', chatId: 'a', payload: { kind: 'text', text: 'a1' } },
        { channel: 'telegram', chatId: 'a', payload: { kind: 'text', text: 'a2' } },
        { channel: 'telegram', chatId: 'b', payload: { kind: 'text', text: 'b1' } },
      ],
    });
    const now = new Date(Date.now() + 1_000);
    // No lease held: nothing is claimed.
    expect(await store.claim('telegram', 'me', 10, now, 60_000)).toEqual([]);
    expect((await tryAcquireLease(db, leaseName('telegram'), 'me', 15_000)).held).toBe(true);
    const claimed = await store.claim('telegram', 'me', 10, now, 60_000);
    expect(claimed.map((row) => [row.chatId, row.payload, row.lane, row.attempts])).toEqual([
      ['a', { kind: 'text', text: 'a1' }, 0, 0],
      ['a', { kind: 'text', text: 'a2' }, 0, 0],
      ['b', { kind: 'text', text: 'b1' }, 0, 0],
    ]);
    expect(claimed.every((row) => typeof row.id === 'bigint')).toBe(true);
    const [a1, a2, b1] = claimed.map((row) => row.id) as [bigint, bigint, bigint];
    // Not the lease holder: the fence refuses.
    expect(await store.markSending([a1, a2, b1], 'other', now)).toEqual(new Set());
    expect(await store.markSending([a1, a2, b1], 'me', now)).toEqual(new Set([a1, a2, b1]));
    await store.markSent([
      { id: a1, externalId: 'x"1,{}' },
      { id: b1, externalId: null },
    ]);
    const rows = await db.prisma.outboundMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.status, row.externalId, row.attempts, row.deliveryStatus])).toEqual([
      ['sent', 'x"1,{}', 1, 'sent'],
      ['sending', null, 0, null],
      ['sent', null, 1, 'sent'],
    ]);
    // A new reply to chat a waits while a2 is in flight, and goes once it is sent.
    await db.prisma.outboundMessage.create({ data: { channel: 'telegram', chatId: 'a', payload: { kind: 'text', text: 'a3' } } });
    expect(await store.claim('telegram', 'me', 10, now, 60_000)).toEqual([]);
    await store.markSent([{ id: a2, externalId: '2' }]);
    expect((await store.claim('telegram', 'me', 10, now, 60_000)).map((row) => row.payload)).toEqual([{ kind: 'text', text: 'a3' }]);
  });
});
