import { Prisma } from '../storage/generated/client.js';
import type { SkipReason } from './skip-reason.js';
import type { TargetSpec } from './target.js';
import type { Scope } from './types.js';

/** One KPM of a target, with the chat a proactive message would go to, or why none. */
export interface AudienceMember {
  recipientId: number;
  /** First two digits of the NIK: the province, hence the time zone. */
  provinceCode: string;
  regency: string;
  district: string;
  channel: string | null;
  chatId: string | null;
  language: string;
  reason: SkipReason | null;
}

type Sql = Pick<Prisma.TransactionClient, '$queryRaw'>;

/** A row of `audienceQuery`: one KPM of the target with their chosen chat, or why none. */
export interface AudienceRow {
  id: number;
  province: string;
  regency: string;
  district: string;
  channel: string | null;
  chat_id: string | null;
  language: string | null;
  reason: string | null;
}

/**
 * The audience as one SELECT (columns of `AudienceRow`, ordered by KPM), so an enqueue can
 * insert from it in the database (INSERT … SELECT) without the rows ever coming to Node.
 * `ownerGroups` (null: unscoped): the groups the source's owner still has when it fires; a KPM
 * of the target in none of them is left out as 'outside-owner-groups' (see owner-scope.ts).
 */
export function audienceQuery(target: TargetSpec, scope: Scope = 'all', ownerGroups: number[] | null = null): Prisma.Sql {
  const list = <T>(values: T[] | undefined): T[] | null => (values && values.length > 0 ? values : null);
  const groupIds = list(target.groupIds);
  const scopeGroups = scope === 'all' ? null : scope.groupIds;
  const programs = list(target.programCodes);
  const stages = list(target.stageCodes);
  return Prisma.sql`
    WITH target AS (
      SELECT r.id, substr(r.nik, 1, 2) AS province, r.regency, r.district, r.phone,
        (${ownerGroups}::int[] IS NULL OR EXISTS (
          SELECT 1 FROM kpm_group_member m WHERE m.recipient_id = r.id AND m.group_id = ANY(${ownerGroups}::int[]))) AS owned
      FROM recipient r
      WHERE (${groupIds}::int[] IS NULL OR EXISTS (
              SELECT 1 FROM kpm_group_member m WHERE m.recipient_id = r.id AND m.group_id = ANY(${groupIds}::int[])))
        AND (${scopeGroups}::int[] IS NULL OR EXISTS (
              SELECT 1 FROM kpm_group_member m WHERE m.recipient_id = r.id AND m.group_id = ANY(${scopeGroups}::int[])))
        AND (${list(target.recipientIds)}::int[] IS NULL OR r.id = ANY(${list(target.recipientIds)}::int[]))
        AND (${list(target.regencies)}::text[] IS NULL OR r.regency = ANY(${list(target.regencies)}::text[]))
        AND (${list(target.districts)}::text[] IS NULL OR r.district = ANY(${list(target.districts)}::text[]))
        AND (${list(target.villages)}::text[] IS NULL OR r.village = ANY(${list(target.villages)}::text[]))
        AND ((${programs}::text[] IS NULL AND ${stages}::text[] IS NULL) OR EXISTS (
              SELECT 1 FROM stage_event e WHERE e.recipient_id = r.id
                AND (${programs}::text[] IS NULL OR e.program_code = ANY(${programs}::text[]))
                AND (${stages}::text[] IS NULL OR e.stage_code = ANY(${stages}::text[]))))
        AND (${list(target.prokusModels)}::text[] IS NULL OR EXISTS (
              SELECT 1 FROM kpm_group_member m JOIN kpm_group g ON g.id = m.group_id
              WHERE m.recipient_id = r.id AND g.prokus_model = ANY(${list(target.prokusModels)}::text[])))
    ),
    chosen AS (
      SELECT DISTINCT ON (c.recipient_id) c.recipient_id, c.channel, c.chat_id, c.language, c.blocked_at
      FROM conversation c JOIN target t ON t.id = c.recipient_id
      ORDER BY c.recipient_id, (c.blocked_at IS NULL) DESC, c.last_activity_at DESC, c.id DESC
    ),
    opted AS (
      SELECT DISTINCT c.recipient_id FROM conversation c JOIN target t ON t.id = c.recipient_id
      WHERE c.opted_out_at IS NOT NULL
    ),
    phones AS (
      SELECT DISTINCT c.sender_phone FROM conversation c WHERE c.sender_phone IS NOT NULL AND c.recipient_id IS NULL
    )
    SELECT t.id, t.province, t.regency, t.district, ch.channel, ch.chat_id, ch.language,
      CASE WHEN NOT t.owned THEN 'outside-owner-groups'
           WHEN o.recipient_id IS NOT NULL THEN 'opted-out'
           WHEN ch.recipient_id IS NULL THEN CASE WHEN p.sender_phone IS NOT NULL THEN 'no-linked-chat' ELSE 'never-chatted' END
           WHEN ch.blocked_at IS NOT NULL THEN 'blocked'
      END AS reason
    FROM target t
    LEFT JOIN chosen ch ON ch.recipient_id = t.id
    LEFT JOIN opted o ON o.recipient_id = t.id
    LEFT JOIN phones p ON p.sender_phone = t.phone
    WHERE (${list(target.channels)}::text[] IS NULL OR ch.channel = ANY(${list(target.channels)}::text[]))
    ORDER BY t.id`;
}

/**
 * The KPM a target names (within the caller's scope), each with their chosen chat: the linked,
 * unblocked chat used last. Others carry why they are left out: opted out (on any chat),
 * blocked (every linked chat blocked the bot), never chatted, or a chat from their phone that
 * never proved who they are, or (`ownerGroups`) in none of the groups the source's owner still
 * has. One set-based query, so 100,000 KPM cost one round trip.
 */
export async function resolveAudience(sql: Sql, target: TargetSpec, scope: Scope = 'all', ownerGroups: number[] | null = null): Promise<AudienceMember[]> {
  const rows = await sql.$queryRaw<AudienceRow[]>(audienceQuery(target, scope, ownerGroups));
  return rows.map((row) => ({
    recipientId: row.id,
    provinceCode: row.province,
    regency: row.regency,
    district: row.district,
    channel: row.reason === 'opted-out' || row.reason === null || row.reason === 'blocked' ? row.channel : null,
    chatId: row.reason === 'opted-out' || row.reason === null || row.reason === 'blocked' ? row.chat_id : null,
    language: row.language === 'en' ? 'en' : 'id',
    reason: row.reason as SkipReason | null,
  }));
}
