import type { PrismaClient } from '../../storage/generated/client.js';
import { generateOneTimePassword, hashPassword } from '../security/password.js';

/** Held while creating the demo accounts, so two processes starting at once create them once. */
const DEMO_STAFF_LOCK_KEY = 736_210_008;

// Fictional, like every demo KPM. Only the admin's one-time password is printed; the admin
// resets the others' passwords on the Pengguna page to try each role.
const DEMO_USERS = [
  { username: 'operator.demo', displayName: 'Operator Contoh', role: 'operator' },
  { username: 'pendamping.demo', displayName: 'Pendamping Contoh (Serang)', role: 'facilitator' },
  { username: 'pendamping2.demo', displayName: 'Pendamping Fiktif (Lebak)', role: 'facilitator' },
  { username: 'auditor.demo', displayName: 'Auditor Contoh', role: 'auditor' },
] as const;

const DEMO_GROUPS = [
  {
    name: 'KUBE Sukacontoh',
    programCode: 'UEP',
    prokusModel: null,
    regency: 'Kota Serang',
    district: 'Taktakan',
    village: 'Sukacontoh',
    niks: ['3673035203789001', '3673030507759002', '3673056111829003'],
    facilitator: 'pendamping.demo',
  },
  {
    name: 'Prokus Lebakfiktif',
    programCode: 'PROKUS',
    prokusModel: 'pembibitan',
    regency: 'Kabupaten Lebak',
    district: 'Rangkasbitung',
    village: 'Lebakfiktif',
    niks: ['3602015009849019', '3602010611799018', '3602011902849040'],
    facilitator: 'pendamping2.demo',
  },
] as const;

export interface DemoAdmin {
  username: string;
  oneTimePassword: string;
}

/**
 * On a database with the demo data and no dashboard account yet: a demo admin with a fresh
 * random one-time password (never a fixed default), the other demo roles, and two demo groups.
 * Returns the admin's credentials to print once, or undefined when accounts already exist.
 */
export async function seedDemoStaff(prisma: PrismaClient): Promise<DemoAdmin | undefined> {
  const adminPassword = generateOneTimePassword();
  const hashes = await Promise.all([adminPassword, ...DEMO_USERS.map(() => generateOneTimePassword())].map((p) => hashPassword(p)));
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${DEMO_STAFF_LOCK_KEY})`);
      if ((await tx.staffUser.count()) > 0) return undefined;
      await tx.staffUser.create({ data: { username: 'admin', displayName: 'Admin Demo', role: 'admin', passwordHash: hashes[0]!, mustChangePassword: true } });
      const ids = new Map<string, number>();
      for (const [index, user] of DEMO_USERS.entries()) {
        const created = await tx.staffUser.create({ data: { ...user, passwordHash: hashes[index + 1]!, mustChangePassword: true } });
        ids.set(user.username, created.id);
      }
      for (const { niks, facilitator, ...group } of DEMO_GROUPS) {
        if (!(await tx.program.findUnique({ where: { code: group.programCode } }))) continue;
        const created = await tx.kpmGroup.create({ data: group });
        const members = await tx.recipient.findMany({ where: { nik: { in: [...niks] } }, select: { id: true } });
        await tx.kpmGroupMember.createMany({ data: members.map((m) => ({ groupId: created.id, recipientId: m.id })) });
        await tx.kpmGroupFacilitator.create({ data: { groupId: created.id, staffUserId: ids.get(facilitator)! } });
      }
      return { username: 'admin', oneTimePassword: adminPassword };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}
