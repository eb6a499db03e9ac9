import type { Language } from '../../flows/kpm-assistant/contract.js';
import type { Database } from '../storage/database.js';
import type { Prisma } from '../storage/generated/client.js';
import type { ExportRow } from './export-recipients-columns.js';

interface StageInfo {
  position: number;
  label: string;
}

interface ProgramInfo {
  name: string;
  stages: Map<string, StageInfo>;
}

/** Programs with their stages' order and labels in one language (a handful of rows, read once). */
async function loadPrograms(db: Pick<Database, 'prisma'>, language: Language): Promise<Map<string, ProgramInfo>> {
  const programs = await db.prisma.program.findMany({ include: { stages: true } });
  return new Map(
    programs.map((program) => [
      program.code,
      {
        name: language === 'en' ? program.nameEn : program.nameId,
        stages: new Map(
          program.stages.map((stage) => [stage.code, { position: stage.position, label: language === 'en' ? stage.labelEn : stage.labelId }]),
        ),
      },
    ]),
  );
}

/**
 * The export's rows, one page of KPM at a time in id order (keyset: `id > last`, never OFFSET),
 * so memory holds one page whatever the total. Per KPM, one row per program with their current
 * stage (the furthest reached in the program's order, as the bot shows it), programs by code;
 * a KPM in no program gets one row with the program fields empty.
 */
export async function* exportPages(
  db: Pick<Database, 'prisma'>,
  scope: Prisma.RecipientWhereInput,
  language: Language,
  pageSize: number,
): AsyncGenerator<ExportRow[]> {
  const programs = await loadPrograms(db, language);
  let after = 0;
  for (;;) {
    const recipients = await db.prisma.recipient.findMany({
      where: { AND: [scope, { id: { gt: after } }] },
      orderBy: { id: 'asc' },
      take: pageSize,
      select: { id: true, nik: true, fullName: true, regency: true, district: true, village: true },
    });
    if (recipients.length === 0) return;
    after = recipients.at(-1)!.id;

    const events = await db.prisma.stageEvent.findMany({
      where: { recipientId: { in: recipients.map((recipient) => recipient.id) } },
      select: { recipientId: true, programCode: true, stageCode: true, occurredOn: true, amount: true, channel: true, place: true },
    });
    const current = new Map<number, Map<string, { event: (typeof events)[number]; position: number }>>();
    for (const event of events) {
      const stage = programs.get(event.programCode)?.stages.get(event.stageCode);
      if (!stage) continue; // a stage no longer in the program's list is not anyone's current stage
      const byProgram = current.get(event.recipientId) ?? new Map();
      current.set(event.recipientId, byProgram);
      const best = byProgram.get(event.programCode);
      if (!best || stage.position > best.position) byProgram.set(event.programCode, { event, position: stage.position });
    }

    const rows: ExportRow[] = [];
    for (const recipient of recipients) {
      const person = {
        nik: recipient.nik,
        name: recipient.fullName,
        regency: recipient.regency,
        district: recipient.district,
        village: recipient.village,
      };
      const enrolled = [...(current.get(recipient.id)?.values() ?? [])].sort((a, b) =>
        a.event.programCode.localeCompare(b.event.programCode),
      );
      if (enrolled.length === 0) {
        rows.push({ ...person, program: null, stage: null, date: null, amount: null, channel: null, place: null });
      }
      for (const { event } of enrolled) {
        const program = programs.get(event.programCode)!;
        rows.push({
          ...person,
          program: program.name,
          stage: program.stages.get(event.stageCode)!.label,
          date: event.occurredOn.toISOString().slice(0, 10),
          amount: event.amount === null ? null : Number(event.amount),
          channel: event.channel,
          place: event.place,
        });
      }
    }
    yield rows;
    if (recipients.length < pageSize) return;
  }
}
