import type { PrismaClient } from '../../../storage/generated/client.js';
import { recipientInScope, type RecipientScope } from '../../access/recipient-scope.js';

export interface RecipientDetail {
  id: number;
  nik: string;
  fullName: string;
  phone: string | null;
  regency: string;
  district: string;
  village: string;
  programs: {
    code: string;
    name: { id: string; en: string };
    stages: { code: string; label: { id: string; en: string }; position: number; event?: { occurredOn: Date; amount: bigint | null; channel: string | null; place: string | null; note: string | null } }[];
  }[];
  groups: { id: number; name: string; programCode: string }[];
  chats: { channel: string; since: Date }[];
  /** When the KPM sent BERHENTI (earliest of their chats still stopped); null while reminders are on. */
  optedOutAt: Date | null;
  audit: { at: Date; action: string; channel: string; actor: string | null }[];
}

/** Everything the detail page shows, or undefined when the recipient is missing or out of scope (both answer 404). */
export async function loadRecipientDetail(prisma: PrismaClient, scope: RecipientScope, id: number): Promise<RecipientDetail | undefined> {
  if (!(await recipientInScope(prisma, scope, id))) return undefined;
  const recipient = await prisma.recipient.findUnique({
    where: { id },
    include: {
      events: { select: { programCode: true, stageCode: true, occurredOn: true, amount: true, channel: true, place: true, note: true } },
      groups: { include: { group: { select: { id: true, name: true, programCode: true } } } },
      conversations: { select: { channel: true, createdAt: true, chatId: true, optedOutAt: true } },
    },
  });
  if (!recipient) return undefined;
  const programCodes = [...new Set(recipient.events.map((event) => event.programCode))];
  const programs = await prisma.program.findMany({ where: { code: { in: programCodes } }, include: { stages: { orderBy: { position: 'asc' } } }, orderBy: { code: 'asc' } });
  const audit = await prisma.auditLog.findMany({
    where: { recipientId: id },
    orderBy: { at: 'desc' },
    take: 50,
    include: { staffUser: { select: { username: true } } },
  });
  // A chat is linked since its latest 'link' entry; older chats linked before auditing fall back to the chat's start.
  const linkedAt = new Map<string, Date>();
  for (const entry of audit) if (entry.action === 'link' && !linkedAt.has(`${entry.channel}:${entry.chatId}`)) linkedAt.set(`${entry.channel}:${entry.chatId}`, entry.at);
  return {
    id: recipient.id,
    nik: recipient.nik,
    fullName: recipient.fullName,
    phone: recipient.phone,
    regency: recipient.regency,
    district: recipient.district,
    village: recipient.village,
    programs: programs.map((program) => ({
      code: program.code,
      name: { id: program.nameId, en: program.nameEn },
      stages: program.stages.map((stage) => {
        const event = recipient.events.find((e) => e.programCode === program.code && e.stageCode === stage.code);
        return { code: stage.code, label: { id: stage.labelId, en: stage.labelEn }, position: stage.position, ...(event ? { event } : {}) };
      }),
    })),
    groups: recipient.groups.map((member) => member.group),
    chats: recipient.conversations.map((chat) => ({ channel: chat.channel, since: linkedAt.get(`${chat.channel}:${chat.chatId}`) ?? chat.createdAt })),
    optedOutAt: recipient.conversations.reduce<Date | null>((first, chat) => (chat.optedOutAt && (!first || chat.optedOutAt < first) ? chat.optedOutAt : first), null),
    audit: audit.map((entry) => ({ at: entry.at, action: entry.action, channel: entry.channel, actor: entry.staffUser?.username ?? null })),
  };
}
