import { BUSINESS_PROGRAMS } from '../business-reports/business-programs.js';
import type { ReportMonth } from '../graduation/report-month.js';
import type { Prisma } from '../storage/generated/client.js';

/**
 * KPM enrolled in a business program (a stage in it, or a member of one of its groups) who have
 * a linked chat and no report for `period` in that program yet: whom "saatnya lapor" is for.
 * Opted-out and blocked chats are still listed: the proactive core leaves them out and counts why.
 */
export async function missingReporters(prisma: Prisma.TransactionClient, period: ReportMonth): Promise<number[]> {
  const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(
    `WITH enrolled AS (
       SELECT e.recipient_id, e.program_code FROM stage_event e WHERE e.program_code = ANY($1::text[])
       UNION
       SELECT m.recipient_id, g.program_code FROM kpm_group_member m JOIN kpm_group g ON g.id = m.group_id WHERE g.program_code = ANY($1::text[])
     )
     SELECT DISTINCT n.recipient_id AS id FROM enrolled n
      WHERE EXISTS (SELECT 1 FROM conversation c WHERE c.recipient_id = n.recipient_id)
        AND NOT EXISTS (SELECT 1 FROM business_report b WHERE b.recipient_id = n.recipient_id AND b.program_code = n.program_code AND b.period = $2::date)
      ORDER BY 1`,
    Object.keys(BUSINESS_PROGRAMS),
    `${period}-01`,
  );
  return rows.map((row) => row.id);
}
