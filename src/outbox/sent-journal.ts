import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** A journal this large is set aside (one generation kept) and a new one begun. */
const ROTATE_BYTES = 4 * 1024 * 1024;

/** What a former holder's journal says, per message id (its last line wins). */
export interface JournalOutcomes {
  /** Sent, with the platform's id: recorded as sent, never sent again. */
  sent: Array<{ id: bigint; externalId: string | null }>;
  /**
   * Bulk sends that left the process and have no outcome: the platform may well have them.
   * Recorded as sent with delivery unknown rather than sent twice.
   */
  unconfirmed: bigint[];
}

/**
 * A sender process's journal, appended synchronously before the database hears of anything:
 *
 * - `<id> <externalId>`: sent (right after the platform's answer, before the batched write);
 * - `d <id>`: a bulk send dispatched (written by the channel's hook right before the request's
 *   bytes leave the process);
 * - `n <id>`: a bulk send not delivered, may be tried again (written before the database
 *   records the retry, failure or block).
 *
 * A process killed in between leaves them here: its successor on the same machine reads its
 * journal and records sent messages as sent, and dispatched bulk sends without an outcome as
 * sent with delivery unknown, instead of sending either again (what courier does with its Redis
 * set of sent ids). The page cache keeps the lines through a kill -9; only a machine crash can
 * lose the last ones, and then the message is sent again as before (at-least-once).
 */
export class SentJournal {
  private readonly file: string;
  private size = 0;
  /** Kept open: one write per line instead of an open, a write and a close (replies are journaled too). */
  private fd: number | undefined;

  constructor(
    private readonly dir: string,
    holder: string,
  ) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      // Unwritable: the appends then do nothing useful, and say nothing.
    }
    this.file = SentJournal.fileOf(dir, holder);
  }

  static fileOf(dir: string, holder: string): string {
    return join(dir, `outbox-sent-${createHash('sha256').update(holder).digest('hex').slice(0, 16)}.log`);
  }

  /** Never throws: a journal that cannot be written only loses the protection (sent again after a kill). */
  record(id: bigint, externalId: string | null): void {
    this.append(`${id} ${externalId ?? ''}\n`);
  }

  /** The bulk send's request is about to leave the process. Never throws. */
  dispatched(id: bigint): void {
    this.append(`d ${id}\n`);
  }

  /** The bulk send did not go (refused, failed, timed out): whatever the database says next holds. Never throws. */
  notDelivered(id: bigint): void {
    this.append(`n ${id}\n`);
  }

  private append(line: string): void {
    try {
      this.fd ??= openSync(this.file, 'a');
      writeSync(this.fd, line);
      this.size += line.length;
      if (this.size > ROTATE_BYTES) {
        this.closeFile();
        renameSync(this.file, `${this.file}.1`);
        this.size = 0;
      }
    } catch {
      // Disk full or read-only: the database remains the record.
    }
  }

  private closeFile(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    closeSync(fd);
  }

  /** What a former holder's journal holds (both generations, in order); empty when it kept none here. */
  static read(dir: string, holder: string): JournalOutcomes {
    const file = SentJournal.fileOf(dir, holder);
    type Entry = { kind: 'sent'; externalId: string | null } | { kind: 'dispatched' } | { kind: 'not-delivered' };
    // In the order of each id's last line: a later line for the same id replaces the earlier one and moves it to the end.
    const last = new Map<bigint, Entry>();
    const put = (id: bigint, entry: Entry) => {
      last.delete(id);
      last.set(id, entry);
    };
    for (const path of [`${file}.1`, file]) {
      let text: string;
      try {
        if (!statSync(path).isFile()) continue;
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n')) {
        const sent = /^(\d+) (\S*)$/.exec(line);
        const marked = sent ? null : /^([dn]) (\d+)$/.exec(line);
        if (sent) put(BigInt(sent[1]!), { kind: 'sent', externalId: sent[2] ? sent[2] : null });
        else if (marked) put(BigInt(marked[2]!), { kind: marked[1] === 'd' ? 'dispatched' : 'not-delivered' });
        // Anything else (a line cut short by a crash) is not read.
      }
    }
    const outcomes: JournalOutcomes = { sent: [], unconfirmed: [] };
    for (const [id, entry] of last) {
      if (entry.kind === 'sent') outcomes.sent.push({ id, externalId: entry.externalId });
      else if (entry.kind === 'dispatched') outcomes.unconfirmed.push(id);
    }
    return outcomes;
  }

  static remove(dir: string, holder: string): void {
    const file = SentJournal.fileOf(dir, holder);
    rmSync(file, { force: true });
    rmSync(`${file}.1`, { force: true });
  }

  /** At a graceful stop, once every send is recorded in the database. */
  close(): void {
    try {
      this.closeFile();
    } catch {
      // Already gone: removing the files below is what matters.
    }
    rmSync(this.file, { force: true });
    rmSync(`${this.file}.1`, { force: true });
  }
}
