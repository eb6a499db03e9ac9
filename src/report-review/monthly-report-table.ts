import type { RecipientScope } from '../dashboard/access/recipient-scope.js';
import { previousMonth, type ReportMonth } from '../graduation/report-month.js';
import type { PrismaClient } from '../storage/generated/client.js';
import { listMinimumWages, wageLookup } from '../wages/minimum-wages.js';
import { reportGraduation } from './report-graduation.js';
import type { ReportFilters } from './report-filters.js';
import { reportScopeSql } from './report-scope.js';

export interface ReportTableRow {
  reportId: number;
  recipientId: number;
  nik: string;
  fullName: string;
  regency: string;
  district: string;
  village: string;
  programCode: string;
  /** The KPM's group in that program (the first by name when several). */
  groupName: string | null;
  businessStatus: string;
  sales: number | null;
  profit: number | null;
  late: boolean;
  stopReason: string | null;
  stopNote: string | null;
  familyWorkers: number | null;
  paidWorkers: number | null;
  equipmentUse: string | null;
  problems: string | null;
  /** YYYY-MM-DD in WIB. */
  submittedOn: string;
  photos: number;
  /** Graduation candidate as of this month (three months at or above the regency's UMK). */
  candidate: boolean;
}

export interface ReportTablePage {
  rows: ReportTableRow[];
  /** Cursor for the next page ("recipientId:programCode"), when there is one. */
  next: string | undefined;
}

export interface ReportMonthSummary {
  reports: number;
  running: number;
  paused: number;
  stopped: number;
  sales: number;
  profit: number;
}

export const REPORT_PAGE_SIZE = 50;

interface Where {
  sql: string;
  params: unknown[];
  /** A filter reads the recipient (`r`): the totals join it only then. */
  needsRecipient: boolean;
}

/** The WHERE clause of the month's reports under the filters and scope, shared by the page, the summary and the export. */
async function reportWhere(prisma: PrismaClient, scope: RecipientScope, filters: ReportFilters): Promise<Where> {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`b.period = ${p(`${filters.month}-01`)}::date`, await reportScopeSql(prisma, scope, 'b.recipient_id')];
  if (filters.program) where.push(`b.program_code = ${p(filters.program)}`);
  if (filters.regency) where.push(`r.regency = ${p(filters.regency)}`);
  if (filters.groupId !== undefined) where.push(`b.recipient_id IN (SELECT m.recipient_id FROM kpm_group_member m WHERE m.group_id = ${p(filters.groupId)})`);
  return { sql: where.join(' AND '), params, needsRecipient: Boolean(filters.regency) };
}

interface RawRow {
  reportId: number;
  recipientId: number;
  nik: string;
  fullName: string;
  regency: string;
  district: string;
  village: string;
  programCode: string;
  groupName: string | null;
  businessStatus: string;
  sales: string | null;
  profit: string | null;
  late: boolean;
  stopReason: string | null;
  stopNote: string | null;
  familyWorkers: number | null;
  paidWorkers: number | null;
  equipmentUse: string | null;
  problems: string | null;
  submittedOn: string;
  photos: number;
}

const ROW_COLUMNS = `
  b.id AS "reportId", b.recipient_id AS "recipientId", r.nik, r.full_name AS "fullName", r.regency, r.district, r.village,
  b.program_code AS "programCode",
  (SELECT g.name FROM kpm_group_member m JOIN kpm_group g ON g.id = m.group_id
    WHERE m.recipient_id = b.recipient_id AND g.program_code = b.program_code ORDER BY g.name LIMIT 1) AS "groupName",
  b.business_status AS "businessStatus", b.sales_amount::text AS sales, b.profit_amount::text AS profit, b.late,
  b.stop_reason AS "stopReason", b.stop_note AS "stopNote", b.family_workers AS "familyWorkers", b.paid_workers AS "paidWorkers", b.equipment_use AS "equipmentUse",
  b.problems, to_char(b.submitted_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS "submittedOn",
  (SELECT count(*)::int FROM business_report_photo ph WHERE ph.report_id = b.id) AS photos`;

/**
 * One page of the month's reports in scope, in (recipient, program) order — a keyset walk of
 * business_report's (period, program_code, recipient_id) index when a program is chosen — with
 * the graduation mark computed for the page's KPM only (their two earlier months, one query).
 */
export async function monthlyReportPage(prisma: PrismaClient, scope: RecipientScope, filters: ReportFilters, pageSize = REPORT_PAGE_SIZE): Promise<ReportTablePage> {
  const where = await reportWhere(prisma, scope, filters);
  const params = [...where.params];
  let keyset = '';
  if (filters.after) {
    params.push(filters.after.recipientId, filters.after.programCode);
    keyset = ` AND (b.recipient_id, b.program_code) > ($${params.length - 1}, $${params.length})`;
  }
  params.push(pageSize + 1);
  const raw = await prisma.$queryRawUnsafe<RawRow[]>(
    `SELECT ${ROW_COLUMNS} FROM business_report b JOIN recipient r ON r.id = b.recipient_id
      WHERE ${where.sql}${keyset} ORDER BY b.recipient_id, b.program_code LIMIT $${params.length}`,
    ...params,
  );
  const more = raw.length > pageSize;
  const page = raw.slice(0, pageSize);
  const candidates = await graduationCandidates(prisma, filters.month, page);
  const rows = page.map((row) => ({
    ...row,
    sales: row.sales === null ? null : Number(row.sales),
    profit: row.profit === null ? null : Number(row.profit),
    candidate: candidates.has(`${row.recipientId}:${row.programCode}`),
  }));
  const last = page.at(-1);
  return { rows, next: more && last ? `${last.recipientId}:${last.programCode}` : undefined };
}

/** Totals of the month's reports under the filters and scope. */
export async function monthlyReportSummary(prisma: PrismaClient, scope: RecipientScope, filters: ReportFilters): Promise<ReportMonthSummary> {
  const where = await reportWhere(prisma, scope, { ...filters, after: undefined });
  const [row] = await prisma.$queryRawUnsafe<{ reports: number; running: number; paused: number; stopped: number; sales: string | null; profit: string | null }[]>(
    `SELECT count(*)::int AS reports,
            count(*) FILTER (WHERE b.business_status = 'running')::int AS running,
            count(*) FILTER (WHERE b.business_status = 'paused')::int AS paused,
            count(*) FILTER (WHERE b.business_status = 'stopped')::int AS stopped,
            sum(b.sales_amount)::text AS sales, sum(b.profit_amount)::text AS profit
       FROM business_report b${where.needsRecipient ? ' JOIN recipient r ON r.id = b.recipient_id' : ''} WHERE ${where.sql}`,
    ...where.params,
  );
  return {
    reports: row?.reports ?? 0,
    running: row?.running ?? 0,
    paused: row?.paused ?? 0,
    stopped: row?.stopped ?? 0,
    sales: Number(row?.sales ?? 0),
    profit: Number(row?.profit ?? 0),
  };
}

/**
 * Every report of the month under the filters and scope, a page at a time (the export): the
 * same rows as the table, walked to the end.
 */
export async function* allMonthlyReports(prisma: PrismaClient, scope: RecipientScope, filters: ReportFilters, pageSize = 1000): AsyncGenerator<ReportTableRow[]> {
  let after = filters.after;
  for (;;) {
    const page = await monthlyReportPage(prisma, scope, { ...filters, after }, pageSize);
    if (page.rows.length > 0) yield page.rows;
    if (!page.next) return;
    const last = page.rows.at(-1)!;
    after = { recipientId: last.recipientId, programCode: last.programCode };
  }
}

/** "recipientId:programCode" of the page's KPM who are graduation candidates as of `month`. */
async function graduationCandidates(prisma: PrismaClient, month: ReportMonth, rows: readonly Pick<RawRow, 'recipientId' | 'programCode' | 'regency'>[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const first = previousMonth(previousMonth(month));
  const history = await prisma.$queryRawUnsafe<{ recipientId: number; programCode: string; period: string; profit: string | null }[]>(
    `SELECT recipient_id AS "recipientId", program_code AS "programCode", to_char(period, 'YYYY-MM') AS period, profit_amount::text AS profit
       FROM business_report WHERE recipient_id = ANY($1::int[]) AND period BETWEEN $2::date AND $3::date`,
    [...new Set(rows.map((row) => row.recipientId))],
    `${first}-01`,
    `${month}-01`,
  );
  const wages = wageLookup(await listMinimumWages(prisma));
  const byKey = new Map<string, { period: ReportMonth; profit: bigint | null }[]>();
  for (const report of history) {
    const key = `${report.recipientId}:${report.programCode}`;
    const list = byKey.get(key) ?? [];
    list.push({ period: report.period, profit: report.profit === null ? null : BigInt(report.profit) });
    byKey.set(key, list);
  }
  const candidates = new Set<string>();
  for (const row of rows) {
    const key = `${row.recipientId}:${row.programCode}`;
    const reports = byKey.get(key) ?? [];
    if (reportGraduation(reports, row.regency, wages).candidate) candidates.add(key);
  }
  return candidates;
}
