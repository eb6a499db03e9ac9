import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A journal this large is set aside (one generation kept) and a new one begun. */
const ROTATE_BYTES = 4 * 1024 * 1024;

/**
 * The ids a sender process has sent, appended right after each platform call succeeds — before
 * the batched database write that records them. A process killed in between leaves them here:
 * its successor on the same machine reads its journal and records those as sent instead of
 * sending them again (what courier does with its Redis set of sent ids). The page cache keeps
 * the lines through a kill -9; only a machine crash can lose the last ones, and then the
 * message is sent again as before (at-least-once).
 */
export class SentJournal {
  private readonly file: string;
  private size = 0;

  constructor(
    private readonly dir: string,
    holder: string,
  ) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      // Unwritable: record() then does nothing useful, and says nothing.
    }
    this.file = SentJournal.fileOf(dir, holder);
  }

  static fileOf(dir: string, holder: string): string {
    return join(dir, `outbox-sent-${createHash('sha256').update(holder).digest('hex').slice(0, 16)}.log`);
  }

  /** Never throws: a journal that cannot be written only loses the protection (sent again after a kill). */
  record(id: bigint, externalId: string | null): void {
    const line = `${id} ${externalId ?? ''}\n`;
    try {
      appendFileSync(this.file, line);
      this.size += line.length;
      if (this.size > ROTATE_BYTES) {
        renameSync(this.file, `${this.file}.1`);
        this.size = 0;
      }
    } catch {
      // Disk full or read-only: the database remains the record.
    }
  }

  /** Ids a former holder's journal holds (both generations); empty when it kept none here. */
  static read(dir: string, holder: string): Array<{ id: bigint; externalId: string | null }> {
    const file = SentJournal.fileOf(dir, holder);
    const ids: Array<{ id: bigint; externalId: string | null }> = [];
    for (const path of [`${file}.1`, file]) {
      let text: string;
      try {
        if (!statSync(path).isFile()) continue;
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n')) {
        const match = /^(\d+) (\S*)$/.exec(line);
        if (match) ids.push({ id: BigInt(match[1]!), externalId: match[2] ? match[2] : null });
      }
    }
    return ids;
  }

  static remove(dir: string, holder: string): void {
    const file = SentJournal.fileOf(dir, holder);
    rmSync(file, { force: true });
    rmSync(`${file}.1`, { force: true });
  }

  /** At a graceful stop, once every send is recorded in the database. */
  close(): void {
    rmSync(this.file, { force: true });
    rmSync(`${this.file}.1`, { force: true });
  }
}
