import type { Language } from '../../flows/kpm-assistant/contract.js';
import type { OutboundContent } from '../channels/channel-port.js';
import type { Translate } from '../i18n/create-translator.js';
import { renderReply } from '../i18n/render-reply.js';
import { timeZoneOfProvince } from '../domain/local-time.js';
import type { Prisma } from '../storage/generated/client.js';
import type { AudienceMember } from './audience.js';
import type { MessageSpec } from './message-spec.js';
import { nextSendableAt, type QuietHours } from './quiet-hours.js';
import type { SkipReason } from './skip-reason.js';
import type { EnqueueResult } from './types.js';

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
 */
export async function writeSends(sql: Sql, input: WriteSendsInput): Promise<EnqueueResult> {
  const payloads: Record<Language, OutboundContent> = {
    id: render(input.message, 'id', input.translate),
    en: render(input.message, 'en', input.translate),
  };
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
    const rows = await sql.$queryRaw<Array<{ skip_reason: string | null; n: number }>>`
      WITH v AS (
        SELECT * FROM unnest(${chunk.map((m) => m.recipientId)}::int[], ${chunk.map((m) => m.channel)}::text[],
          ${chunk.map((m) => m.chatId)}::text[], ${chunk.map((m) => m.reason)}::text[], ${zones}::text[],
          ${quietStart}::int[], ${quietEnd}::int[], ${nextAt}::timestamptz[], ${chunk.map((m) => m.language)}::text[])
          AS v(recipient_id, channel, chat_id, reason, zone, quiet_start, quiet_end, next_at, language)),
      ins AS (
        INSERT INTO proactive_send (source_kind, source_id, occurrence_key, recipient_id, channel, chat_id, skip_reason, time_zone, quiet_start, quiet_end)
        SELECT ${input.sourceKind}, ${input.sourceId}, ${input.occurrenceKey}, v.recipient_id, v.channel, v.chat_id, v.reason, v.zone, v.quiet_start, v.quiet_end
        FROM v
        ON CONFLICT (source_kind, source_id, occurrence_key, recipient_id) DO NOTHING
        RETURNING id, recipient_id, channel, chat_id, skip_reason),
      queued AS (
        INSERT INTO outbound_message (channel, chat_id, payload, kind, lane, proactive_send_id, next_attempt_at, updated_at)
        SELECT ins.channel, ins.chat_id,
          CASE WHEN v.language = 'en' THEN ${JSON.stringify(payloads.en)}::jsonb ELSE ${JSON.stringify(payloads.id)}::jsonb END,
          'proactive', ${input.lane}, ins.id, v.next_at, now()
        FROM ins JOIN v ON v.recipient_id = ins.recipient_id
        WHERE ins.skip_reason IS NULL
        RETURNING 1)
      SELECT ins.skip_reason, count(*)::int AS n FROM ins GROUP BY ins.skip_reason`;
    let inserted = 0;
    for (const row of rows) {
      inserted += row.n;
      if (row.skip_reason === null) result.queued += row.n;
      else result.skipped[row.skip_reason as SkipReason] = (result.skipped[row.skip_reason as SkipReason] ?? 0) + row.n;
    }
    result.alreadyQueued += chunk.length - inserted;
  }
  return result;
}

/** The message as one language reads it; a Cloud API template travels with it for a closed window. */
export function render(message: MessageSpec, language: Language, translate: Translate): OutboundContent {
  const content: OutboundContent =
    message.kind === 'text' ? { kind: 'text', text: message.text } : renderReply(message.reply, language, translate);
  if (!message.template || content.kind !== 'text') return content;
  return { ...content, template: { name: message.template.name, language: message.template.language ?? language, params: message.template.params ?? [] } };
}
