import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SentJournal } from '../../src/outbox/sent-journal.js';

describe('sent journal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sent-journal-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a successor the ids its predecessor sent, with their platform ids, and forgets them once removed', () => {
    const journal = new SentJournal(dir, 'host:boot:123');
    journal.record(41n, 'ext-41');
    journal.record(42n, null);
    expect(SentJournal.read(dir, 'host:boot:123')).toEqual([
      { id: 41n, externalId: 'ext-41' },
      { id: 42n, externalId: null },
    ]);
    expect(SentJournal.read(dir, 'host:boot:999')).toEqual([]);
    SentJournal.remove(dir, 'host:boot:123');
    expect(SentJournal.read(dir, 'host:boot:123')).toEqual([]);
  });

  it('a graceful stop leaves nothing behind', () => {
    const journal = new SentJournal(dir, 'host:boot:7');
    journal.record(1n, 'x');
    journal.close();
    expect(SentJournal.read(dir, 'host:boot:7')).toEqual([]);
  });
});
