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
 * shows it). One pass over stage_event in its unique index's order (recipient, program),
 * then a tiny per-program tally; a scope turns it into index look-ups for its KPM.
 */
export async function programFunnels(db: Pick<Database, 'prisma'>, scope?: RecipientScope): Promise<ProgramFunnel[]> {
  const tallies = await db.prisma.$queryRaw<{ program: string; position: number; recipients: number }[]>(Prisma.sql`
    SELECT c.program_code AS program, c.position, count(*)::int AS recipients
      FROM (SELECT e.recipient_id, e.program_code, max(s.position) AS position
              FROM stage_event e
              JOIN program_stage s ON s.program_code = e.program_code AND s.code = e.stage_code
             WHERE true ${andInScope('e.recipient_id', scope)}
             GROUP BY e.recipient_id, e.program_code) c
     GROUP BY c.program_code, c.position`);
  const programs = await db.prisma.program.findMany({
    orderBy: { code: 'asc' },
    include: { stages: { orderBy: { position: 'asc' } } },
  });
  return programs.map((program) => {
    const atPosition = new Map(tallies.filter((t) => t.program === program.code).map((t) => [t.position, t.recipients]));
    let beyond = [...atPosition.values()].reduce((sum, count) => sum + count, 0);
    const recipients = beyond;
    const stages = program.stages.map((stage) => {
      const current = atPosition.get(stage.position) ?? 0;
      const reached = beyond;
      beyond -= current;
      return { code: stage.code, label: { id: stage.labelId, en: stage.labelEn }, current, reached };
    });
    return { programCode: program.code, name: { id: program.nameId, en: program.nameEn }, recipients, stages };
  });
}
