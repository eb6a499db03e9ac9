import { Hono } from 'hono';
import type { Role } from '../../../src/dashboard/access/roles.js';
import { pino } from 'pino';
import type { MediaStore } from '../../../src/media/media-store.js';
import { createDashboard } from '../../../src/dashboard/create-dashboard.js';
import { createImportJobs, type ImportJobs, type ImportJobSettings } from '../../../src/dashboard/pages/import/import-jobs.js';
import { hashPassword } from '../../../src/dashboard/security/password.js';
import type { TestDatabase } from '../../support/backends.js';
import { DashboardClient } from './dashboard-client.js';

export const PASSWORD = 'correct horse battery';

/** A NIK in the facilitator's group, one in the other group, one in no group (demo data). */
export const IN_GROUP_NIK = '3673035203789001';
export const OTHER_GROUP_NIK = '3602015009849019';
export const NO_GROUP_NIK = '3604151709779006';

export interface DashboardFixture {
  app: Hono;
  clock: { now: Date; advance(ms: number): void };
  users: Record<Role, number>;
  /** Facilitator of group B (holds OTHER_GROUP_NIK). */
  otherFacilitatorId: number;
  groupA: number;
  groupB: number;
  recipientId(nik: string): Promise<number>;
  client(headers?: Record<string, string>): DashboardClient;
  /** The Impor page's job runner: `settled()` waits for the uploads started so far. */
  importJobs: ImportJobs;
  /** A client already logged in as `role`. */
  as(role: Role): Promise<DashboardClient>;
}

/**
 * The demo data, one account per role (password PASSWORD), and two groups: A (IN_GROUP_NIK)
 * assigned to the facilitator, B (OTHER_GROUP_NIK) assigned to another facilitator.
 */
export async function dashboardFixture(
  db: TestDatabase,
  options: { publicUrl?: string; importJobs?: ImportJobSettings; mediaStore?: MediaStore } = {},
): Promise<DashboardFixture> {
  await seedSmall(db);
  const passwordHash = await hashPassword(PASSWORD);
  const users = {} as Record<Role, number>;
  for (const role of ['admin', 'operator', 'facilitator', 'auditor'] as const) {
    users[role] = (await db.prisma.staffUser.create({ data: { username: role, displayName: `Test ${role}`, role, passwordHash } })).id;
  }
  const other = await db.prisma.staffUser.create({ data: { username: 'other.facilitator', displayName: 'Other', role: 'facilitator', passwordHash } });
  const recipientId = async (nik: string) => (await db.prisma.recipient.findUniqueOrThrow({ where: { nik } })).id;
  const groupA = await db.prisma.kpmGroup.create({ data: { name: 'Group A', programCode: 'UEP', regency: 'Kota Serang' } });
  const groupB = await db.prisma.kpmGroup.create({ data: { name: 'Group B', programCode: 'PROKUS', prokusModel: 'mentoring', regency: 'Kabupaten Lebak' } });
  await db.prisma.kpmGroupMember.create({ data: { groupId: groupA.id, recipientId: await recipientId(IN_GROUP_NIK) } });
  await db.prisma.kpmGroupMember.create({ data: { groupId: groupB.id, recipientId: await recipientId(OTHER_GROUP_NIK) } });
  await db.prisma.kpmGroupFacilitator.create({ data: { groupId: groupA.id, staffUserId: users.facilitator } });
  await db.prisma.kpmGroupFacilitator.create({ data: { groupId: groupB.id, staffUserId: other.id } });

  const clock = {
    now: new Date('2026-11-20T03:00:00Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const importJobs = createImportJobs({ prisma: db.prisma, now: () => clock.now, logger: pino({ level: 'silent' }), ...(options.importJobs ? { settings: options.importJobs } : {}) });
  const dashboard = createDashboard({
    prisma: db.prisma,
    now: () => clock.now,
    importJobs,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.mediaStore ? { mediaStore: options.mediaStore } : {}),
  });
  const app = new Hono();
  app.route('/dashboard', dashboard);
  const client = (headers?: Record<string, string>) => new DashboardClient(app, headers);
  return {
    app,
    clock,
    users,
    otherFacilitatorId: other.id,
    groupA: groupA.id,
    groupB: groupB.id,
    recipientId,
    client,
    importJobs,
    async as(role) {
      const c = client();
      const response = await c.login(role, PASSWORD);
      if (response.status !== 303) throw new Error(`login as ${role} failed: ${response.status}`);
      return c;
    },
  };
}

/** Three demo KPM (their real demo NIKs and names) in two programs: cheaper than the whole demo seed. */
async function seedSmall(db: TestDatabase): Promise<void> {
  for (const code of ['UEP', 'PROKUS']) {
    await db.prisma.program.create({
      data: {
        code,
        nameId: `Program ${code}`,
        nameEn: `Program ${code}`,
        stages: { create: [{ code: 'terdaftar', position: 1, labelId: 'Terdaftar', labelEn: 'Registered' }, { code: 'dicairkan', position: 2, labelId: 'Dicairkan', labelEn: 'Paid out' }] },
      },
    });
  }
  const people = [
    { nik: IN_GROUP_NIK, fullName: 'Siti Contoh Rahayu', regency: 'Kota Serang', district: 'Taktakan', village: 'Sukacontoh', program: 'UEP' },
    { nik: OTHER_GROUP_NIK, fullName: 'Imas Contoh Masitoh', regency: 'Kabupaten Lebak', district: 'Rangkasbitung', village: 'Lebakfiktif', program: 'PROKUS' },
    { nik: NO_GROUP_NIK, fullName: 'Ujang Fiktif Saepudin', regency: 'Kabupaten Serang', district: 'Cikande', village: 'Mekarcontoh', program: 'UEP' },
  ];
  for (const { program, ...person } of people) {
    await db.prisma.recipient.create({
      data: { ...person, phone: '+6281200000001', events: { create: [{ programCode: program, stageCode: 'terdaftar', occurredOn: new Date('2026-01-05') }] } },
    });
  }
}
