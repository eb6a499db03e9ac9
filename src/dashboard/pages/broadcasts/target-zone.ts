import type { IndonesianTimeZone } from '../../../domain/regions/time-zone.js';
import { DEFAULT_TIME_ZONE, timeZoneOfNik } from '../../../domain/local-time.js';
import { groupTimeZone } from '../../../mentoring/sessions.js';
import type { TargetSpec } from '../../../proactive/target.js';
import type { Prisma } from '../../../storage/generated/client.js';

/**
 * The zone a sender's date and time are read in: that of the first group chosen (its members'
 * province), else of the first KPM in the region chosen (regency, district or village), else
 * Banten's (WIB). A scheduled broadcast and a reminder rule keep it, and show their times in it.
 */
export async function targetTimeZone(tx: Prisma.TransactionClient, target: TargetSpec): Promise<IndonesianTimeZone> {
  const groupId = target.groupIds?.[0];
  if (groupId !== undefined) return groupTimeZone(tx, groupId);
  const where: Prisma.RecipientWhereInput = {};
  if (target.regencies?.length) where.regency = { in: target.regencies };
  if (target.districts?.length) where.district = { in: target.districts };
  if (target.villages?.length) where.village = { in: target.villages };
  if (Object.keys(where).length === 0) return DEFAULT_TIME_ZONE;
  const first = await tx.recipient.findFirst({ where, orderBy: { id: 'asc' }, select: { nik: true } });
  return first ? timeZoneOfNik(first.nik) : DEFAULT_TIME_ZONE;
}
