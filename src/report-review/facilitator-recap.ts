import type { ReportMonth } from '../graduation/report-month.js';
import type { Prisma } from '../storage/generated/client.js';
import { groupMonths } from './group-month.js';
import { facilitatorGroupIds } from './report-scope.js';

/** One of the facilitator's groups this month, as the chat's *Rekap laporan* shows it. */
export interface RecapGroup {
  groupId: number;
  name: string;
  programCode: string;
  members: number;
  reported: number;
  notReported: number;
  /** Businesses still running among those who reported. */
  running: number;
  /** Who has not reported yet, by name (the facilitator's own group members). */
  missing: { recipientId: number; fullName: string }[];
}

/**
 * The facilitator's *Rekap laporan* for `month`: for each group assigned to them (by name),
 * how many members reported, how many not yet, how many businesses still run, and who has not
 * reported. Reads only; the caller (the facilitator chat flow's effect) writes the audit entry
 * for the disclosure (action 'staff.view.reports', channel and chat of the facilitator) in the
 * same transaction, as every report view is audited.
 *
 * @example
 * const recap = await facilitatorReportRecap(prisma, staffUserId, monthOf(now));
 * // [{ name: 'KUBE Mawar', members: 12, reported: 9, notReported: 3, running: 8, missing: [...] }]
 */
export async function facilitatorReportRecap(prisma: Prisma.TransactionClient, staffUserId: number, month: ReportMonth): Promise<RecapGroup[]> {
  const groups = await groupMonths(prisma, await facilitatorGroupIds(prisma, staffUserId), month);
  return groups.map((group) => ({
    groupId: group.groupId,
    name: group.name,
    programCode: group.programCode,
    members: group.members,
    reported: group.reported,
    notReported: group.notReported,
    running: group.running,
    missing: group.memberMonths.filter((member) => member.report === null).map((member) => ({ recipientId: member.recipientId, fullName: member.fullName })),
  }));
}
