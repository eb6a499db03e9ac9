import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { ConversationStep } from '../conversation/bench-conversation.js';
import type { ReplyLog } from '../stand-in/reply-log.js';

/** What the scale-out run left behind, checked against what was sent. */
export interface ScaleOutCheck {
  chats: number;
  inbound: number;
  /** Replies the stand-in received for the checked chats. */
  replies: number;
  /** Sends beyond the outbox's rows (the same reply delivered twice). */
  duplicates: number;
  /** Chats with more replies stored than messages (a message processed twice). */
  processedTwice: number;
  /** Messages without a sent reply. */
  unanswered: number;
  /** Chats whose replies do not follow their messages' order, or reached the platform out of outbox order. */
  outOfOrderChats: number;
  example?: string;
}

/**
 * Each light-path message gets one reply: a menu, or the FAQ for `bantuan`. For every chat this
 * reads the messages in the order they were stored (inbox id) and the replies in the order they
 * were made (outbox id), and checks (1) reply i answers message i — the FAQ exactly where
 * `bantuan` was, which the wrk sequence number in the update id tells; (2) the platform got the
 * replies in that order (the stand-in's message ids, stored as external ids, increase); (3) the
 * stand-in got exactly one send per sent row.
 */
export async function checkOrderAndDuplicates(args: { url: string; replies: ReplyLog; chatBase: number; chats: number; updateBase: number; cycle: readonly ConversationStep[] }): Promise<ScaleOutCheck> {
  const helpTitle = (JSON.parse(readFileSync(new URL('../../locales/id/translation.json', import.meta.url), 'utf8')) as { help: { title: string } }).help.title;
  const client = new pg.Client({ connectionString: args.url });
  await client.connect();
  try {
    const range = [String(args.chatBase), String(args.chatBase + args.chats - 1)];
    const inbound = await client.query<{ chat_id: string; external_id: string }>(
      "SELECT chat_id, external_id FROM inbound_message WHERE channel = 'telegram' AND chat_id::bigint BETWEEN $1 AND $2 ORDER BY id",
      range,
    );
    const outbound = await client.query<{ chat_id: string; status: string; external_id: string | null; text: string | null }>(
      "SELECT chat_id, status, external_id, payload->>'text' AS text FROM outbound_message WHERE channel = 'telegram' AND chat_id::bigint BETWEEN $1 AND $2 ORDER BY id",
      range,
    );
    const expected = groupBy(inbound.rows, (row) => row.chat_id, (row) => kindOfSeq(Number(row.external_id) - args.updateBase, args.chats, args.cycle));
    const made = groupBy(outbound.rows, (row) => row.chat_id, (row) => row);
    const result: ScaleOutCheck = { chats: expected.size, inbound: inbound.rowCount ?? 0, replies: 0, duplicates: 0, processedTwice: 0, unanswered: 0, outOfOrderChats: 0 };
    for (const [chat, kinds] of expected) {
      const rows = made.get(chat) ?? [];
      const delivered = args.replies.countFor(chat);
      const sent = rows.filter((row) => row.status === 'sent');
      result.replies += delivered;
      result.duplicates += Math.max(0, delivered - sent.length);
      if (rows.length > kinds.length) result.processedTwice += 1;
      result.unanswered += Math.max(0, kinds.length - sent.length);
      const got = rows.map((row) => (row.text?.includes(helpTitle) ? 'help' : 'menu'));
      const platformIds = sent.map((row) => Number(row.external_id));
      const inOrder = got.join() === kinds.join() && platformIds.every((id, index) => index === 0 || id > platformIds[index - 1]!);
      if (!inOrder) {
        result.outOfOrderChats += 1;
        result.example ??= `a chat sent ${kinds.join(' ')}, was answered ${got.join(' ')}`;
      }
    }
    return result;
  } finally {
    await client.end();
  }
}

/** The reply kind message n of the wrk sequence asks for (see load-lua-script: chat n mod chats, its k-th message). */
function kindOfSeq(n: number, chats: number, cycle: readonly ConversationStep[]): 'menu' | 'help' {
  const chat = n % chats;
  const k = Math.floor(n / chats);
  const step = cycle[((chat % cycle.length) + k) % cycle.length]!;
  return step.text === 'bantuan' ? 'help' : 'menu';
}

function groupBy<T, V>(rows: T[], key: (row: T) => string, value: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(value(row));
    else groups.set(key(row), [value(row)]);
  }
  return groups;
}
