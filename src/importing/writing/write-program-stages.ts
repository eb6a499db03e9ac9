import type { Prisma } from '../../storage/generated/client.js';
import type { ProgramRow } from '../rows/program-row.js';
import { emptyOutcome, type BatchOutcome } from './batch-outcome.js';
import type { Numbered } from './numbered.js';

/**
 * Replaces one program's stage list with the file's rows. Stage events keep working for every
 * stage code still listed; a stage that already has events cannot be dropped, so then nothing
 * of this program changes and its rows are refused.
 */
export async function writeProgramStages(
  tx: Prisma.TransactionClient,
  code: string,
  rows: Numbered<ProgramRow>[],
): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const [first, ...others] = rows;
  if (!first) return outcome;
  const stored = await tx.program.findUnique({ where: { code }, include: { stages: true } });
  const listed = new Set(rows.map(({ row }) => row.stageCode));
  const dropped = (stored?.stages ?? []).filter((stage) => !listed.has(stage.code));

  const inUse = await stagesWithEvents(tx, code, dropped.map((stage) => stage.code));
  if (inUse.length > 0) {
    const reasons = inUse.map(({ stage, events }) => ({ code: 'stage-in-use' as const, program: code, stage, events }));
    outcome.rejected.push({ line: first.line, reasons });
    for (const { line } of others) {
      outcome.rejected.push({ line, reasons: [{ code: 'program-not-changed', program: code, line: first.line }] });
    }
    return outcome;
  }

  const names = { nameId: first.row.nameId, nameEn: first.row.nameEn };
  const namesChanged = stored !== null && (stored.nameId !== names.nameId || stored.nameEn !== names.nameEn);
  const storedStages = new Map((stored?.stages ?? []).map((stage) => [stage.code, stage]));
  let stagesChanged = dropped.length > 0;
  for (const { row } of rows) {
    const current = storedStages.get(row.stageCode);
    const sameStage =
      current !== undefined &&
      current.position === row.position &&
      current.labelId === row.labelId &&
      current.labelEn === row.labelEn;
    // Each row carries the program's names too, so a renamed program counts as an update of its rows.
    if (!current) outcome.created++;
    else if (sameStage && !namesChanged) outcome.unchanged++;
    else outcome.updated++;
    if (!sameStage) stagesChanged = true;
  }
  outcome.removed = dropped.length;

  if (!stored) await tx.program.create({ data: { code, ...names } });
  else if (namesChanged) await tx.program.update({ where: { code }, data: names });
  if (stagesChanged) {
    // Delete and re-create: reordering in place would collide on the unique (program, position).
    await tx.programStage.deleteMany({ where: { programCode: code } });
    await tx.programStage.createMany({
      data: rows.map(({ row }) => ({
        programCode: code,
        code: row.stageCode,
        position: row.position,
        labelId: row.labelId,
        labelEn: row.labelEn,
      })),
    });
  }
  return outcome;
}

async function stagesWithEvents(tx: Prisma.TransactionClient, program: string, stages: string[]) {
  if (stages.length === 0) return [];
  const counts = await tx.stageEvent.groupBy({
    by: ['stageCode'],
    where: { programCode: program, stageCode: { in: stages } },
    _count: { _all: true },
  });
  return counts.map((count) => ({ stage: count.stageCode, events: count._count._all }));
}
