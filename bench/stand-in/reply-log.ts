import { wallClockMs } from '../clock.js';

/**
 * Every reply a platform stand-in received, in arrival order: the chat it was for and when it
 * arrived. Kept as two parallel arrays so a long run costs little memory and no allocation per
 * reply beyond the chat key.
 */
export class ReplyLog {
  readonly chats: string[] = [];
  readonly times: number[] = [];

  record(chat: string): void {
    this.chats.push(chat);
    this.times.push(wallClockMs());
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
    let count = 0;
    for (const each of this.chats) if (each === chat) count += 1;
    return count;
  }
}
