/**
 * End-to-end latency without putting anything in the message text: the server child notes when
 * each update (sequence number n) arrived, the stand-in notes when each reply to each chat
 * arrived, and since one chat's messages are answered in order, the replies of a chat are
 * dealt out to its messages in order — message n takes as many replies as its step produced
 * in the calibration conversations. A chat whose reply count does not come out exactly is left
 * out (and counted), so a miscount cannot produce a wrong latency.
 */
export interface Arrivals {
  seqs: number[];
  /** When each message was sent (the latency's start). */
  times: number[];
  statuses: number[];
}

export interface PairingInput {
  arrivals: Arrivals;
  /** Reply arrival times per chat key, in arrival order. */
  repliesByChat: Map<string, number[]>;
  chatKeyOf(seq: number): string;
  /** Replies message `seq` produces (from calibration). */
  repliesOf(seq: number): number;
  /** Which phase a message belongs to, or undefined to pair it but not report it. */
  phaseOf(seq: number): string | undefined;
}

export interface PhaseLatencies {
  /** Webhook POST arrival → first reply at the stand-in, ms. */
  firstReply: number[];
  /** Webhook POST arrival → last reply of that message at the stand-in, ms. */
  lastReply: number[];
  /** Time the last reply of the phase's messages arrived. */
  lastReplyAt: number;
  /** Acknowledged messages without (all) their replies. */
  unanswered: number;
  /** Answered with a non-2xx status (not stored: Telegram would deliver them again). */
  rejected: number;
}

export interface PairingResult {
  phases: Map<string, PhaseLatencies>;
  chats: number;
  /** Chats whose replies did not pair up exactly, left out of every figure. */
  mismatchedChats: number;
}

export function pairReplies(input: PairingInput): PairingResult {
  const byChat = new Map<string, Array<{ seq: number; time: number; status: number }>>();
  const { seqs, times, statuses } = input.arrivals;
  for (let index = 0; index < seqs.length; index += 1) {
    const seq = seqs[index]!;
    const key = input.chatKeyOf(seq);
    const list = byChat.get(key) ?? [];
    list.push({ seq, time: times[index]!, status: statuses[index]! });
    byChat.set(key, list);
  }
  const phases = new Map<string, PhaseLatencies>();
  const phase = (name: string) => {
    let entry = phases.get(name);
    if (!entry) {
      entry = { firstReply: [], lastReply: [], lastReplyAt: 0, unanswered: 0, rejected: 0 };
      phases.set(name, entry);
    }
    return entry;
  };
  let mismatchedChats = 0;
  for (const [key, messages] of byChat) {
    messages.sort((a, b) => a.seq - b.seq);
    const replies = input.repliesByChat.get(key) ?? [];
    const pending: Array<{ phase: string; first: number; last: number; at: number }> = [];
    const unanswered = new Map<string, number>();
    let next = 0;
    let consistent = true;
    for (const message of messages) {
      const name = input.phaseOf(message.seq);
      if (message.status < 200 || message.status >= 300) {
        if (name) phase(name).rejected += 1;
        continue;
      }
      const count = input.repliesOf(message.seq);
      if (next + count > replies.length) {
        if (name) unanswered.set(name, (unanswered.get(name) ?? 0) + 1);
        next = replies.length + 1; // everything after an unanswered message is unanswered too
        continue;
      }
      const first = replies[next]! - message.time;
      const last = replies[next + count - 1]! - message.time;
      next += count;
      if (first < 0) consistent = false;
      if (name) pending.push({ phase: name, first, last, at: replies[next - 1]! });
    }
    if (next !== replies.length && next <= replies.length) consistent = false;
    for (const [name, count] of unanswered) phase(name).unanswered += count;
    if (!consistent) {
      mismatchedChats += 1;
      continue;
    }
    for (const sample of pending) {
      const entry = phase(sample.phase);
      entry.firstReply.push(sample.first);
      entry.lastReply.push(sample.last);
      if (sample.at > entry.lastReplyAt) entry.lastReplyAt = sample.at;
    }
  }
  return { phases, chats: byChat.size, mismatchedChats };
}
