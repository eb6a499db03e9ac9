import type { LocalizedText } from '../../../flows/kpm-assistant/contract.js';
import type { Database } from '../../storage/database.js';
import { Prisma } from '../../storage/generated/client.js';
import type { RecipientScope } from './recipient-scope.js';

export interface FunnelStage {
  code: string;
  label: LocalizedText;
  /** KPM whose current (furthest) stage in the program is this one. */
  current: number;
  /** KPM whose current stage is this one or a later one: the funnel's bar. */
  reached: number;
}

export interface ProgramFunnel {
  programCode: string;
  name: LocalizedText;
  /** KPM with any stage in the program. */
  recipients: number;
  /** In the program's order. */
  stages: FunnelStage[];
}

/**
 * Per program, how many KPM are enrolled and how many have reached each stage (current stage
 * at or beyond it; the current stage is the furthest in the program's order, as the bot
 * shows it). Precomputed: triggers on stage_event and program_stage keep each KPM's current
 * stage per program (recipient_current_stage) and the count per current stage (funnel_tally)
 * in the same transaction as every change (see the migration
 * 20261127610000_dashboard_word_search_funnel_import_jobs). Unscoped, this reads the few
 * tally rows; a scope reads its KPM's rows by the primary key (recipient_id, program_code),
 * its ids gathered first (ARRAY(...)) so the plan never hinges on the table's statistics (a
 * hash join over the whole table when they are missing after a bulk load: 235 ms → a few ms).
 */
export async function programFunnels(db: Pick<Database, 'prisma'>, scope?: RecipientScope): Promise<ProgramFunnel[]> {
  const programs = await db.prisma.program.findMany({
    orderBy: { code: 'asc' },
    include: { stages: { orderBy: { position: 'asc' } } },
  });
  const tallies = scope
    ? await db.prisma.$queryRaw<{ program_code: string; stage_code: string; recipients: number }[]>(Prisma.sql`
        SELECT c.program_code, c.stage_code, count(*)::int AS recipients
          FROM recipient_current_stage c
         WHERE c.recipient_id = ANY(ARRAY(${scope}))
         GROUP BY c.program_code, c.stage_code`)
    : await db.prisma.$queryRaw<{ program_code: string; stage_code: string; recipients: number }[]>(Prisma.sql`
        SELECT program_code, stage_code, recipients FROM funnel_tally`);
  // Codes are letters, digits, - and _ (codeField), so a space cannot be part of one.
  const currentAt = new Map(tallies.map((tally) => [`${tally.program_code} ${tally.stage_code}`, tally.recipients]));
  return programs.map((program) => {
    const counts = program.stages.map((stage) => currentAt.get(`${program.code} ${stage.code}`) ?? 0);
    let beyond = counts.reduce((sum, count) => sum + count, 0);
    const recipients = beyond;
    const stages = program.stages.map((stage, index) => {
      const current = counts[index]!;
      const reached = beyond;
      beyond -= current;
      return { code: stage.code, label: { id: stage.labelId, en: stage.labelEn }, current, reached };
    });
    return { programCode: program.code, name: { id: program.nameId, en: program.nameEn }, recipients, stages };
  });
}
