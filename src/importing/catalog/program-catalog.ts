import type { PrismaClient } from '../../storage/generated/client.js';
import type { RejectionReason } from '../rejection-reason.js';

/** The programs and stage codes defined in the database, to check a stages file against. */
export type ProgramCatalog = Map<string, Set<string>>;

export async function loadProgramCatalog(prisma: Pick<PrismaClient, 'program'>): Promise<ProgramCatalog> {
  const programs = await prisma.program.findMany({ select: { code: true, stages: { select: { code: true } } } });
  return new Map(programs.map((program) => [program.code, new Set(program.stages.map((stage) => stage.code))]));
}

/** Why a (program, stage) pair is not defined, with a hint when only the letter case differs. */
export function checkProgramStage(catalog: ProgramCatalog, program: string, stage: string): RejectionReason | undefined {
  const stages = catalog.get(program);
  if (!stages) {
    const suggestion = sameIgnoringCase(catalog.keys(), program);
    return suggestion ? { code: 'unknown-program', program, suggestion } : { code: 'unknown-program', program };
  }
  if (stages.has(stage)) return undefined;
  const suggestion = sameIgnoringCase(stages, stage);
  return suggestion ? { code: 'unknown-stage', program, stage, suggestion } : { code: 'unknown-stage', program, stage };
}

function sameIgnoringCase(codes: Iterable<string>, wanted: string): string | undefined {
  const lower = wanted.toLowerCase();
  for (const code of codes) if (code.toLowerCase() === lower) return code;
  return undefined;
}
