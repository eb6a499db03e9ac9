import type { EligibilitySummary, ProgramStatusView, StatusView } from '../../flows/kpm-assistant/contract.js';
import { maskName } from '../domain/names/mask-name.js';
import type { Prisma } from '../storage/generated/client.js';

type Tx = Prisma.TransactionClient;

/** The recipient with every stage event and the stage lists of their programs, or null. */
async function loadRecipient(tx: Tx, recipientId: number) {
  return tx.recipient.findUnique({
    where: { id: recipientId },
    include: {
      events: { include: { program: { include: { stages: { orderBy: { position: 'asc' } } } } } },
    },
  });
}

type LoadedRecipient = NonNullable<Awaited<ReturnType<typeof loadRecipient>>>;

/** Per program, the stages reached in the program's order and the next one. */
function programTimelines(recipient: LoadedRecipient): ProgramStatusView[] {
  const byProgram = new Map<string, LoadedRecipient['events']>();
  for (const event of recipient.events) {
    const list = byProgram.get(event.programCode) ?? [];
    list.push(event);
    byProgram.set(event.programCode, list);
  }
  return [...byProgram.values()]
    .map((events) => {
      const program = events[0]!.program;
      const position = new Map(program.stages.map((stage) => [stage.code, stage]));
      const reached = events
        .filter((event) => position.has(event.stageCode))
        .sort((a, b) => position.get(a.stageCode)!.position - position.get(b.stageCode)!.position);
      const last = reached.at(-1);
      const lastPosition = last ? position.get(last.stageCode)!.position : -1;
      const next = program.stages.find((stage) => stage.position > lastPosition);
      return {
        programCode: program.code,
        programName: { id: program.nameId, en: program.nameEn },
        reached: reached.map((event) => {
          const stage = position.get(event.stageCode)!;
          return {
            label: { id: stage.labelId, en: stage.labelEn },
            on: event.occurredOn.toISOString().slice(0, 10),
            amount: event.amount === null ? null : Number(event.amount),
            channel: event.channel,
            place: event.place,
            note: event.note,
          };
        }),
        next: next ? { id: next.labelId, en: next.labelEn } : null,
      };
    })
    .filter((program) => program.reached.length > 0)
    .sort((a, b) => a.programCode.localeCompare(b.programCode));
}

export async function eligibilitySummary(tx: Tx, recipientId: number): Promise<EligibilitySummary | null> {
  const recipient = await loadRecipient(tx, recipientId);
  if (!recipient) return null;
  return {
    recipientId: recipient.id,
    maskedName: maskName(recipient.fullName),
    village: recipient.village,
    district: recipient.district,
    regency: recipient.regency,
    enrolments: programTimelines(recipient).map((program) => {
      const current = program.reached.at(-1)!;
      return {
        programCode: program.programCode,
        programName: program.programName,
        currentStage: current.label,
        currentStageOn: current.on,
      };
    }),
  };
}

export async function statusView(tx: Tx, recipientId: number): Promise<StatusView | null> {
  const recipient = await loadRecipient(tx, recipientId);
  if (!recipient) return null;
  return { recipientId: recipient.id, maskedName: maskName(recipient.fullName), programs: programTimelines(recipient) };
}
