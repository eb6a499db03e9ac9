import type { Language } from '../../flows/kpm-assistant/contract.js';
import type { OutboundContent } from '../channels/channel-port.js';
import { PROVINCES } from '../domain/regions/provinces.js';
import type { Translate } from '../i18n/create-translator.js';
import { renderReply } from '../i18n/render-reply.js';
import { DEFAULT_TIME_ZONE, timeZoneOfProvince } from '../domain/local-time.js';
import { Prisma } from '../storage/generated/client.js';
import { audienceQuery, type AudienceMember } from './audience.js';
import type { MessageSpec } from './message-spec.js';
import { nextSendableAt, type QuietHours } from './quiet-hours.js';
import type { QuietHoursTable } from './quiet-hours-store.js';
import type { SkipReason } from './skip-reason.js';
import type { TargetSpec } from './target.js';
import type { EnqueueResult, Scope } from './types.js';

type Sql = Pick<Prisma.TransactionClient, '$queryRaw'>;

export interface WriteSendsInput {
  sourceKind: string;
  sourceId: number;
  occurrenceKey: string;
  audience: AudienceMember[];
  message: MessageSpec;
  notBefore: Date;
  lane: number;
  translate: Translate;
  /** Quiet hours for a KPM's regency (operator override) or the default. */
  quietHoursFor: (regency: string) => QuietHours;
}

/** Rows per INSERT statement: big enough to enqueue 100,000 KPM in a few round trips. */
const CHUNK = 10_000;

/**
 * Records one proactive send per KPM of the audience and queues the message for those who get
 * it, in the caller's transaction. A (source, occurrence, KPM) already recorded is left alone
 * (ON CONFLICT DO NOTHING), so repeating this sends nothing twice. Each message waits for
 * `notBefore`, moved to the end of its recipient's quiet hours when it falls inside them.
 * For an audience already in Node (a few invitees); a target of any size goes through
 * `enqueueTarget`, which never brings the KPM out of the database.
 */
export async function writeSends(sql: Sql, input: WriteSendsInput): Promise<EnqueueResult> {
  const result: EnqueueResult = { queued: 0, skipped: {}, alreadyQueued: 0 };
  for (let start = 0; start < input.audience.length; start += CHUNK) {
    const chunk = input.audience.slice(start, start + CHUNK);
    const zones: string[] = [];
    const quietStart: number[] = [];
    const quietEnd: number[] = [];
    const nextAt: Date[] = [];
    for (const member of chunk) {
      const zone = timeZoneOfProvince(member.provinceCode);
      const quiet = input.quietHoursFor(member.regency);
      zones.push(zone);
      quietStart.push(quiet.start);
      quietEnd.push(quiet.end);
      nextAt.push(nextSendableAt(input.notBefore, zone, quiet));
    }
    const members = Prisma.sql`
      SELECT * FROM unnest(${chunk.map((m) => m.recipientId)}::int[], ${chunk.map((m) => m.channel)}::text[],
        ${chunk.map((m) => m.chatId)}::text[], ${chunk.map((m) => m.reason)}::text[], ${zones}::text[],
        ${quietStart}::int[], ${quietEnd}::int[], ${nextAt}::timestamptz[])
        AS v(recipient_id, channel, chat_id, reason, zone, quiet_start, quiet_end, next_at)`;
    addUp(result, await insertSends(sql, input, members));
  }
  return result;
}

export interface EnqueueTargetInput extends Omit<WriteSendsInput, 'audience' | 'quietHoursFor'> {
  target: TargetSpec;
  scope: Scope;
  /** The groups the source's owner still has (`groupsStillOwned`); others' KPM are recorded as skipped. Default: unscoped. */
  ownerGroups?: number[] | null;
  quietHours: QuietHoursTable;
}

/**
 * `writeSends` for a whole target, set-based: one INSERT … SELECT from the audience query, so
 * 100,000 KPM cost one statement and no rows travel to Node. Zones (from the NIK's province)
 * and quiet hours (per regency) are joined in from small tables; the moment each message may
 * go is computed here, once per (zone, quiet hours) pair, by the same `nextSendableAt`.
 */
export async function enqueueTarget(sql: Sql, input: EnqueueTargetInput): Promise<EnqueueResult> {
  const zones = [...new Set([...PROVINCES.map((province) => province.timeZone), DEFAULT_TIME_ZONE])];
  // One row per distinct (zone, quiet hours): the join below must match each KPM once.
  const quietSets = [...new Map([input.quietHours.fallback, ...input.quietHours.overrides.values()].map((q) => [`${q.start}-${q.end}`, q])).values()];
  const times = zones.flatMap((zone) => quietSets.map((quiet) => ({ zone, quiet, at: nextSendableAt(input.notBefore, zone, quiet) })));
  const regions = [...input.quietHours.overrides.entries()];
  const fallback = input.quietHours.fallback;
  const members = Prisma.sql`
    WITH a AS (${audienceQuery(input.target, input.scope, input.ownerGroups ?? null)}),
    zones AS (SELECT * FROM unnest(${PROVINCES.map((p) => p.code)}::text[], ${PROVINCES.map((p) => p.timeZone)}::text[]) AS z(code, zone)),
    overrides AS (SELECT * FROM unnest(${regions.map(([region]) => region)}::text[], ${regions.map(([, q]) => q.start)}::int[],
      ${regions.map(([, q]) => q.end)}::int[]) AS o(region, quiet_start, quiet_end)),
    times AS (SELECT * FROM unnest(${times.map((t) => t.zone)}::text[], ${times.map((t) => t.quiet.start)}::int[],
      ${times.map((t) => t.quiet.end)}::int[], ${times.map((t) => t.at)}::timestamptz[]) AS n(zone, quiet_start, quiet_end, next_at)),
    m AS (
      SELECT a.id AS recipient_id, a.channel, a.chat_id, a.reason, COALESCE(z.zone, ${DEFAULT_TIME_ZONE}) AS zone,
        COALESCE(o.quiet_start, ${fallback.start}::int) AS quiet_start, COALESCE(o.quiet_end, ${fallback.end}::int) AS quiet_end
      FROM a LEFT JOIN zones z ON z.code = a.province LEFT JOIN overrides o ON o.region = a.regency)
    SELECT m.recipient_id, m.channel, m.chat_id, m.reason, m.zone, m.quiet_start, m.quiet_end, n.next_at
    FROM m JOIN times n ON n.zone = m.zone AND n.quiet_start = m.quiet_start AND n.quiet_end = m.quiet_end`;
  // Sorts and hashes of 100,000 KPM fit in memory rather than spilling to disk (this transaction only).
  await sql.$queryRaw`SELECT set_config('work_mem', '64MB', true)`;
  const result: EnqueueResult = { queued: 0, skipped: {}, alreadyQueued: 0 };
  addUp(result, await insertSends(sql, input, members));
  return result;
}

interface SendsCounted {
  /** Inserted per skip reason (null: queued). */
  inserted: Array<{ reason: string | null; n: number }>;
  /** KPM in the audience, inserted now or before. */
  total: number;
}

/**
 * The one statement both paths share: a proactive_send per member (ON CONFLICT DO NOTHING on
 * the unique (source, occurrence, KPM)), and an outbound message for each one inserted now and
 * not left out. `members` is a SELECT of (recipient_id, channel, chat_id, reason, zone,
 * quiet_start, quiet_end, next_at); the message's language is its chat's.
 */
async function insertSends(sql: Sql, input: Pick<WriteSendsInput, 'sourceKind' | 'sourceId' | 'occurrenceKey' | 'message' | 'lane' | 'translate'>, members: Prisma.Sql): Promise<SendsCounted> {
  const payloads: Record<Language, OutboundContent> = {
    id: render(input.message, 'id', input.translate),
    en: render(input.message, 'en', input.translate),
  };
  // No join between the two CTEs of 100,000 rows (without table statistics the planner may
  // nest-loop them): each queued message finds its moment by its zone and quiet hours (a few
  // distinct pairs) and its language by its chat (a unique index).
  const rows = await sql.$queryRaw<Array<{ skip_reason: string | null; n: number; total: boolean }>>`
    WITH v AS MATERIALIZED (${members}),
    times AS MATERIALIZED (SELECT DISTINCT v.zone, v.quiet_start, v.quiet_end, v.next_at FROM v),
    ins AS (
      INSERT INTO proactive_send (source_kind, source_id, occurrence_key, recipient_id, channel, chat_id, skip_reason, time_zone, quiet_start, quiet_end)
      SELECT ${input.sourceKind}, ${input.sourceId}, ${input.occurrenceKey}, v.recipient_id, v.channel, v.chat_id, v.reason, v.zone, v.quiet_start, v.quiet_end
      FROM v
      ON CONFLICT (source_kind, source_id, occurrence_key, recipient_id) DO NOTHING
      RETURNING id, channel, chat_id, skip_reason, time_zone, quiet_start, quiet_end),
    queued AS (
      INSERT INTO outbound_message (channel, chat_id, payload, kind, lane, proactive_send_id, next_attempt_at, updated_at)
      SELECT ins.channel, ins.chat_id,
        CASE WHEN c.language = 'en' THEN ${JSON.stringify(payloads.en)}::jsonb ELSE ${JSON.stringify(payloads.id)}::jsonb END,
        'proactive', ${input.lane}, ins.id, n.next_at, now()
      FROM ins
      JOIN times n ON n.zone = ins.time_zone AND n.quiet_start = ins.quiet_start AND n.quiet_end = ins.quiet_end
      LEFT JOIN conversation c ON c.channel = ins.channel AND c.chat_id = ins.chat_id
      WHERE ins.skip_reason IS NULL
      RETURNING 1)
    SELECT ins.skip_reason, count(*)::int AS n, false AS total FROM ins GROUP BY ins.skip_reason
    UNION ALL SELECT NULL, count(*)::int, true FROM v`;
  return {
    inserted: rows.filter((row) => !row.total).map((row) => ({ reason: row.skip_reason, n: row.n })),
    total: rows.find((row) => row.total)?.n ?? 0,
  };
}

function addUp(result: EnqueueResult, counted: SendsCounted): void {
  let inserted = 0;
  for (const { reason, n } of counted.inserted) {
    inserted += n;
    if (reason === null) result.queued += n;
    else result.skipped[reason as SkipReason] = (result.skipped[reason as SkipReason] ?? 0) + n;
  }
  result.alreadyQueued += counted.total - inserted;
}


/** The message as one language reads it; a Cloud API template travels with it for a closed window. */
export function render(message: MessageSpec, language: Language, translate: Translate): OutboundContent {
  const content: OutboundContent =
    message.kind === 'text' ? { kind: 'text', text: message.text } : renderReply(message.reply, language, translate);
  if (!message.template || content.kind !== 'text') return content;
  return { ...content, template: { name: message.template.name, language: message.template.language ?? language, params: message.template.params ?? [] } };
}
