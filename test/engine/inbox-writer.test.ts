import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/channels/channel-port.js';
import { InboxWriter } from '../../src/engine/inbox-writer.js';
import { backends, type TestDatabase } from '../support/backends.js';

function text(externalId: string, body: string): InboundMessage {
  return { channel: 'telegram', chatId: `chat-${externalId}`, externalId, content: { kind: 'text', text: body } };
}

/** An object nested `depth` levels: JSON.stringify overflows the stack on it. */
function deep(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Settles every promise and reports each outcome (the writer must settle every caller). */
const outcomes = (promises: Array<Promise<unknown>>) =>
  Promise.allSettled(promises).then((results) => results.map((result) => (result.status === 'fulfilled' ? result.value : 'rejected')));

describe.each(backends)('inbox writer on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });

  it.skipIf(backend.skipReason)('a row the database refuses fails alone; its batch neighbours are stored in order', async () => {
    const writer = new InboxWriter(db);
    // Stored in the same event-loop turn: one batch. These strings bypass the adapters' cleaning on purpose.
    const messages = [text('1', 'satu'), text('2', 'nul \u0000 here'), text('3', 'tiga'), text('4', 'lone \ud800'), text('5', 'lima')];
    expect(await outcomes(messages.map((message) => writer.store(message)))).toEqual(['stored', 'rejected', 'stored', 'rejected', 'stored']);
    const rows = await db.prisma.inboundMessage.findMany({ orderBy: { id: 'asc' }, select: { externalId: true } });
    expect(rows.map((row) => row.externalId)).toEqual(['1', '3', '5']);
  });

  it.skipIf(backend.skipReason)('a message that cannot be serialized is refused alone, without an exception escaping', async () => {
    const writer = new InboxWriter(db);
    const poisoned = { ...text('2', 'x'), content: { kind: 'text', text: deep(20_000) } } as unknown as InboundMessage;
    const result = await outcomes([writer.store(text('1', 'satu')), writer.store(poisoned), writer.store(text('3', 'tiga'))]);
    expect(result).toEqual(['stored', 'rejected', 'stored']);
    // The writer is still working afterwards, and duplicates are still recognised.
    expect(await outcomes([writer.store(text('4', 'empat')), writer.store(text('1', 'satu'))])).toEqual(['stored', 'duplicate']);
  });
});
