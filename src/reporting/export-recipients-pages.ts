import type { Language } from '../../flows/kpm-assistant/contract.js';
import type { Database } from '../storage/database.js';
import { Prisma } from '../storage/generated/client.js';
import type { ExportRow } from './export-recipients-columns.js';

interface ProgramInfo {
  name: string;
  /** Stage code → label. */
  stages: Map<string, string>;
}

interface CurrentStage {
  recipientId: number;
  programCode: string;
  stageCode: string;
  occurredOn: string;
  amount: string | null;
  channel: string | null;
  place: string | null;
}

/** Programs with their stage labels in one language (a handful of rows, read once). */
async function loadPrograms(db: Pick<Database, 'prisma'>, language: Language): Promise<Map<string, ProgramInfo>> {
  const programs = await db.prisma.program.findMany({ include: { stages: true } });
  return new Map(
    programs.map((program) => [
      program.code,
      {
        name: language === 'en' ? program.nameEn : program.nameId,
        stages: new Map(
          program.stages.map((stage) => [stage.code, language === 'en' ? stage.labelEn : stage.labelId]),
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

    // The database picks the current stage per (KPM, program): one array parameter, and only
    // one row per enrolment crosses to Node instead of every event of the page.
    const current = await db.prisma.$queryRaw<CurrentStage[]>(Prisma.sql`
      SELECT DISTINCT ON (e.recipient_id, e.program_code)
             e.recipient_id AS "recipientId", e.program_code AS "programCode", e.stage_code AS "stageCode",
             e.occurred_on::text AS "occurredOn", e.amount::text AS amount, e.channel, e.place
        FROM stage_event e
        JOIN program_stage s ON s.program_code = e.program_code AND s.code = e.stage_code
       WHERE e.recipient_id = ANY(${recipients.map((recipient) => recipient.id)}::int[])
       ORDER BY e.recipient_id, e.program_code, s.position DESC`);
    const enrolments = new Map<number, CurrentStage[]>();
    for (const stage of current) {
      const list = enrolments.get(stage.recipientId) ?? [];
      list.push(stage);
      enrolments.set(stage.recipientId, list);
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
      const enrolled = enrolments.get(recipient.id) ?? [];
      if (enrolled.length === 0) {
        rows.push({ ...person, program: null, stage: null, date: null, amount: null, channel: null, place: null });
      }
      for (const stage of enrolled) {
        const program = programs.get(stage.programCode)!;
        rows.push({
          ...person,
          program: program.name,
          stage: program.stages.get(stage.stageCode)!,
          date: stage.occurredOn,
          amount: stage.amount === null ? null : Number(stage.amount),
          channel: stage.channel,
          place: stage.place,
        });
      }
    }
    yield rows;
    if (recipients.length < pageSize) return;
  }
}
