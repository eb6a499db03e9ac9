import type { Prisma } from '../storage/generated/client.js';

/**
 * Programs that fund a business, so their KPM report its progress. `goods`: the aid was given as
 * equipment or stock (UEP), so the report asks whether it is still used.
 */
export const BUSINESS_PROGRAMS: Readonly<Record<string, { goods: boolean }>> = {
  UEP: { goods: true },
  PROKUS: { goods: false },
};

export function isBusinessProgram(code: string): boolean {
  return Object.hasOwn(BUSINESS_PROGRAMS, code);
}

export interface EnrolledBusinessProgram {
  code: string;
  name: { id: string; en: string };
  goods: boolean;
}

/**
 * The business programs a recipient is enrolled in: a stage event in the program, or membership
 * of a group (kelompok) of it. Sorted by code.
 */
export async function enrolledBusinessPrograms(tx: Prisma.TransactionClient, recipientId: number): Promise<EnrolledBusinessProgram[]> {
  const codes = Object.keys(BUSINESS_PROGRAMS);
  const programs = await tx.program.findMany({
    where: {
      code: { in: codes },
      OR: [
        { events: { some: { recipientId } } },
        { code: { in: (await tx.kpmGroupMember.findMany({ where: { recipientId }, select: { group: { select: { programCode: true } } } }))
          .map((member) => member.group.programCode) } },
      ],
    },
    orderBy: { code: 'asc' },
  });
  return programs.map((program) => ({
    code: program.code,
    name: { id: program.nameId, en: program.nameEn },
    goods: BUSINESS_PROGRAMS[program.code]?.goods ?? false,
  }));
}
