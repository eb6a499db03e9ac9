import { wallClockMs } from '../clock.js';

/**
 * Every reply a platform stand-in received, in arrival order: the chat it was for and when it
 * arrived. Kept as two parallel arrays so a long run costs little memory and no allocation per
 * reply beyond the chat key.
 */
export class ReplyLog {
  readonly chats: string[] = [];
  readonly times: number[] = [];
  private readonly perChat = new Map<string, { count: number; last: number }>();

  record(chat: string): void {
    const at = wallClockMs();
    this.chats.push(chat);
    this.times.push(at);
    const entry = this.perChat.get(chat);
    if (entry) {
      entry.count += 1;
      entry.last = at;
    } else {
      this.perChat.set(chat, { count: 1, last: at });
    }
  }

  get size(): number {
    return this.chats.length;
  }

  /** Replies that arrived in [from, to). */
  countBetween(from: number, to: number): number {
    let count = 0;
    for (const time of this.times) if (time >= from && time < to) count += 1;
    return count;
  }

  /** Replies per chat, in arrival order. */
  byChat(): Map<string, number[]> {
    const byChat = new Map<string, number[]>();
    for (let index = 0; index < this.chats.length; index += 1) {
      const chat = this.chats[index]!;
      const list = byChat.get(chat);
      if (list) list.push(this.times[index]!);
      else byChat.set(chat, [this.times[index]!]);
    }
    return byChat;
  }

  countFor(chat: string): number {
    return this.perChat.get(chat)?.count ?? 0;
  }

  lastFor(chat: string): number | undefined {
    return this.perChat.get(chat)?.last;
  }
}
