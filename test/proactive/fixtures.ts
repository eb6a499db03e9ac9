import { abortableDelay } from '../../src/outbox/clock.js';
import type { Database } from '../../src/storage/database.js';

export interface KpmFixture {
  id: number;
  chats: Array<{ channel: string; chatId: string }>;
}

let serial = 0;

/** A KPM (NIK of `province`, WIB 36 by default) in `regency`, with linked chats used in the order given (last = most recent). */
export async function addKpm(
  db: Database,
  options: { province?: string; regency?: string; district?: string; chats?: Array<{ channel: string; chatId: string; language?: string; blocked?: boolean }>; phone?: string; groupId?: number; lastActivity?: Date } = {},
): Promise<KpmFixture> {
  serial += 1;
  const nik = `${options.province ?? '36'}0101${String(100000 + (serial % 900000)).padStart(6, '0')}${String(serial % 10000).padStart(4, '0')}`.slice(0, 16);
  const recipient = await db.prisma.recipient.create({
    data: {
      nik,
      fullName: `KPM ${serial}`,
      phone: options.phone ?? null,
      regency: options.regency ?? 'Kota Serang',
      district: options.district ?? 'Serang',
      village: 'Cipare',
    },
  });
  const base = (options.lastActivity ?? new Date('2026-11-01T00:00:00Z')).getTime();
  const chats = options.chats ?? [];
  for (const [index, chat] of chats.entries()) {
    await db.prisma.conversation.create({
      data: {
        channel: chat.channel, chatId: chat.chatId, machineId: 'kpm-assistant', machineVersion: 2, recipientId: recipient.id,
        language: chat.language ?? 'id', lastActivityAt: new Date(base + index * 60_000),
        blockedAt: chat.blocked ? new Date(base) : null,
      },
    });
  }
  if (options.groupId !== undefined) await db.prisma.kpmGroupMember.create({ data: { groupId: options.groupId, recipientId: recipient.id } });
  return { id: recipient.id, chats };
}

export async function addGroup(db: Database, name: string, options: { regency?: string; prokusModel?: string } = {}): Promise<number> {
  await db.prisma.program.upsert({ where: { code: 'prokus' }, create: { code: 'prokus', nameId: 'Prokus', nameEn: 'Prokus' }, update: {} });
  const group = await db.prisma.kpmGroup.create({
    data: { name, programCode: 'prokus', regency: options.regency ?? 'Kota Serang', prokusModel: options.prokusModel ?? null },
  });
  return group.id;
}

/** A staff account with `role`, facilitating `groupIds`; returns its id. */
export async function addStaff(db: Database, username: string, role: string, groupIds: number[] = []): Promise<number> {
  const user = await db.prisma.staffUser.create({ data: { username, displayName: username, role, passwordHash: 'not-used-here' } });
  for (const groupId of groupIds) await db.prisma.kpmGroupFacilitator.create({ data: { groupId, staffUserId: user.id } });
  return user.id;
}

/** A clock the test steps by hand; its sleeps last a few real milliseconds, so loops on it do not spin. */
export function steppedClock(start: string) {
  let now = new Date(start).getTime();
  return {
    now: () => now,
    sleep: (ms: number, signal?: AbortSignal) => abortableDelay(Math.min(ms, 10), signal),
    set: (iso: string) => {
      now = new Date(iso).getTime();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** A clock that runs in real time from `start` (rate limits work as written, at a chosen date). */
export function shiftedClock(start: string) {
  const shift = new Date(start).getTime() - Date.now();
  return { now: () => Date.now() + shift, sleep: (ms: number, signal?: AbortSignal) => abortableDelay(ms, signal) };
}
