import type { LocalizedText } from '../../../flows/kpm-assistant/contract.js';
import type { Database } from '../../storage/database.js';
import { Prisma } from '../../storage/generated/client.js';
import { andInScope, type RecipientScope } from './recipient-scope.js';

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
 * shows it). Every stage gets its rank in one array ordered by (program, position), so the
 * furthest stage is a max() over stage_event alone, read in its unique index's order
 * (recipient, program) with no join whose size the planner could misjudge (program_stage is
 * too small for autovacuum ever to analyse it). Unscoped, that is one pass over all stage
 * events (seconds at millions: see createOverviewCache); a scope makes it index look-ups.
 */
export async function programFunnels(db: Pick<Database, 'prisma'>, scope?: RecipientScope): Promise<ProgramFunnel[]> {
  const programs = await db.prisma.program.findMany({
    orderBy: { code: 'asc' },
    include: { stages: { orderBy: { position: 'asc' } } },
  });
  const ranked = programs.flatMap((program) => program.stages.map((stage) => ({ program: program.code, stage: stage.code })));
  // Codes are letters, digits, - and _ (codeField), so a space cannot be part of one.
  const keys = ranked.map(({ program, stage }) => `${program} ${stage}`);
  const tallies = await db.prisma.$queryRaw<{ rank: number; recipients: number }[]>(Prisma.sql`
    SELECT c.rank, count(*)::int AS recipients
      FROM (SELECT max(array_position(${keys}::text[], e.program_code || ' ' || e.stage_code)) AS rank
              FROM stage_event e
             WHERE true ${andInScope('e.recipient_id', scope)}
             GROUP BY e.recipient_id, e.program_code) c
     WHERE c.rank IS NOT NULL
     GROUP BY c.rank`);
  // array_position counts from 1.
  const currentAt = new Map(tallies.map((tally) => [keys[tally.rank - 1]!, tally.recipients]));
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
