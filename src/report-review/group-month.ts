import type { ReportMonth } from '../graduation/report-month.js';
import type { Prisma } from '../storage/generated/client.js';

/** One member of a group and their report for the month in the group's program (null: not reported yet). */
export interface GroupMemberMonth {
  recipientId: number;
  fullName: string;
  village: string;
  report: { reportId: number; businessStatus: string; sales: number | null; profit: number | null; late: boolean } | null;
}

export interface GroupMonth {
  groupId: number;
  name: string;
  programCode: string;
  month: ReportMonth;
  members: number;
  reported: number;
  notReported: number;
  running: number;
  paused: number;
  stopped: number;
  /** Businesses still running among those who reported (0–1); null when nobody reported. */
  runningShare: number | null;
  sales: number;
  profit: number;
  memberMonths: GroupMemberMonth[];
}

interface Row {
  groupId: number;
  name: string;
  programCode: string;
  recipientId: number | null;
  fullName: string | null;
  village: string | null;
  reportId: number | null;
  businessStatus: string | null;
  sales: string | null;
  profit: string | null;
  late: boolean | null;
}

/**
 * The month's picture of some groups: per group its members and, for each, the report of that
 * month in the group's program or none. One query from the groups' members (primary key) to
 * business_report's unique (recipient, program, period) index: a group's size, not the table's.
 * The caller has checked the groups are in the reader's scope.
 */
export async function groupMonths(prisma: Prisma.TransactionClient, groupIds: readonly number[], month: ReportMonth): Promise<GroupMonth[]> {
  const ids = groupIds.filter((id) => Number.isSafeInteger(id));
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT g.id AS "groupId", g.name, g.program_code AS "programCode",
            r.id AS "recipientId", r.full_name AS "fullName", r.village,
            b.id AS "reportId", b.business_status AS "businessStatus", b.sales_amount::text AS sales, b.profit_amount::text AS profit, b.late
       FROM kpm_group g
       LEFT JOIN kpm_group_member m ON m.group_id = g.id
       LEFT JOIN recipient r ON r.id = m.recipient_id
       LEFT JOIN business_report b ON b.recipient_id = m.recipient_id AND b.program_code = g.program_code AND b.period = $2::date
      WHERE g.id = ANY($1::int[])
      ORDER BY g.name, r.full_name, r.id`,
    ids,
    `${month}-01`,
  );
  const groups = new Map<number, GroupMonth>();
  for (const row of rows) {
    let group = groups.get(row.groupId);
    if (!group) {
      group = { groupId: row.groupId, name: row.name, programCode: row.programCode, month, members: 0, reported: 0, notReported: 0, running: 0, paused: 0, stopped: 0, runningShare: null, sales: 0, profit: 0, memberMonths: [] };
      groups.set(row.groupId, group);
    }
    if (row.recipientId === null) continue;
    group.members += 1;
    const report =
      row.reportId === null
        ? null
        : { reportId: row.reportId, businessStatus: row.businessStatus!, sales: row.sales === null ? null : Number(row.sales), profit: row.profit === null ? null : Number(row.profit), late: row.late ?? false };
    if (report) {
      group.reported += 1;
      if (report.businessStatus === 'running') group.running += 1;
      else if (report.businessStatus === 'paused') group.paused += 1;
      else if (report.businessStatus === 'stopped') group.stopped += 1;
      group.sales += report.sales ?? 0;
      group.profit += report.profit ?? 0;
    } else {
      group.notReported += 1;
    }
    group.memberMonths.push({ recipientId: row.recipientId, fullName: row.fullName ?? '', village: row.village ?? '', report });
  }
  for (const group of groups.values()) group.runningShare = group.reported === 0 ? null : group.running / group.reported;
  return [...groups.values()];
}
