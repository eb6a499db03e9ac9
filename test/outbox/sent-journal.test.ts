import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SentJournal } from '../../src/outbox/sent-journal.js';

describe('sent journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sent-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a successor the ids its predecessor sent, with their platform ids, and forgets them once removed', () => {
    const journal = new SentJournal(dir, 'host:boot:123');
    journal.record(41n, 'ext-41');
    journal.record(42n, null);
    expect(SentJournal.read(dir, 'host:boot:123')).toEqual({
      sent: [
        { id: 41n, externalId: 'ext-41' },
        { id: 42n, externalId: null },
      ],
      unconfirmed: [],
    });
    expect(SentJournal.read(dir, 'host:boot:999')).toEqual({ sent: [], unconfirmed: [] });
    SentJournal.remove(dir, 'host:boot:123');
    expect(SentJournal.read(dir, 'host:boot:123')).toEqual({ sent: [], unconfirmed: [] });
  });

  it('a graceful stop leaves nothing behind', () => {
    const journal = new SentJournal(dir, 'host:boot:7');
    journal.record(1n, 'x');
    journal.dispatched(2n);
    journal.close();
    expect(SentJournal.read(dir, 'host:boot:7')).toEqual({ sent: [], unconfirmed: [] });
  });

  it('a dispatched send without an outcome is unconfirmed; its outcome line, whichever it is, replaces it', () => {
    const journal = new SentJournal(dir, 'host:boot:8');
    journal.dispatched(1n); // on the wire at the kill
    journal.dispatched(2n);
    journal.record(2n, 'ext-2'); // answered
    journal.dispatched(3n);
    journal.notDelivered(3n); // refused or timed out: the database decides
    journal.dispatched(4n);
    journal.notDelivered(4n);
    journal.dispatched(4n); // its retry, on the wire at the kill
    expect(SentJournal.read(dir, 'host:boot:8')).toEqual({ sent: [{ id: 2n, externalId: 'ext-2' }], unconfirmed: [1n, 4n] });
    expect(readFileSync(SentJournal.fileOf(dir, 'host:boot:8'), 'utf8')).toBe('d 1\nd 2\n2 ext-2\nd 3\nn 3\nd 4\nn 4\nd 4\n');
  });

  it('reads the set-aside generation first, so the newer line wins across generations', () => {
    const file = SentJournal.fileOf(dir, 'host:boot:9');
    // The older generation: 5 and 6 dispatched, 7 sent.
    writeFileSync(`${file}.1`, 'd 5\nd 6\n7 ext-7\n');
    // The current one: 5 answered, 6 refused, 7 not mentioned again, 8 and 9 on the wire; garbage is not read.
    writeFileSync(file, '5 ext-5\nn 6\nd 8\nd 9\nd x1\n');
    expect(SentJournal.read(dir, 'host:boot:9')).toEqual({
      sent: [
        { id: 7n, externalId: 'ext-7' },
        { id: 5n, externalId: 'ext-5' },
      ],
      unconfirmed: [8n, 9n],
    });
  });

  it('an unwritable journal never throws: it only loses the protection', () => {
    const blocked = join(dir, 'not-a-dir');
    writeFileSync(blocked, '');
    const journal = new SentJournal(join(blocked, 'journal'), 'host:boot:10');
    expect(() => {
      journal.dispatched(1n);
      journal.notDelivered(1n);
      journal.record(1n, 'x');
    }).not.toThrow();
    expect(SentJournal.read(join(blocked, 'journal'), 'host:boot:10')).toEqual({ sent: [], unconfirmed: [] });
  });

  it('sets a full journal aside and goes on writing to a new one, losing no line', () => {
    const journal = new SentJournal(dir, 'host:boot:11');
    const external = 'e'.repeat(200);
    // Past the 4 MiB rotation size: the file kept open must be swapped for a new one.
    const count = Math.ceil((4 * 1024 * 1024) / 200) + 100;
    for (let id = 1; id <= count; id += 1) journal.record(BigInt(id), external);
    journal.dispatched(BigInt(count + 1));
    const file = SentJournal.fileOf(dir, 'host:boot:11');
    expect(readFileSync(`${file}.1`, 'utf8').length).toBeGreaterThan(4 * 1024 * 1024);
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`d ${count + 1}\\n$`));
    const outcomes = SentJournal.read(dir, 'host:boot:11');
    expect(outcomes.sent.length).toBe(count);
    expect(outcomes.unconfirmed).toEqual([BigInt(count + 1)]);
  });
});
