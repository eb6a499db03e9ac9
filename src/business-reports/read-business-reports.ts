import type { Prisma } from '../storage/generated/client.js';
import type { BusinessReportVersionView, StoredBusinessReport } from './business-report.js';
import { periodToDate, type ReportPeriod } from './report-period.js';
import { toStoredReport, toVersionView } from './to-report-view.js';

type Tx = Prisma.TransactionClient;

/**
 * Reads of stored business reports. None of these writes the audit log: the caller that shows
 * a report to someone (chat or dashboard) audits that disclosure in the same transaction.
 */

/** The current report of one recipient for one program and month, or null. */
export async function findBusinessReport(tx: Tx, recipientId: number, programCode: string, period: ReportPeriod): Promise<StoredBusinessReport | null> {
  const row = await tx.businessReport.findUnique({
    where: { recipientId_programCode_period: { recipientId, programCode, period: periodToDate(period) } },
    include: { photos: true },
  });
  return row ? toStoredReport(row) : null;
}

/** A report by its reference (as the KPM quotes it), or null. */
export async function findBusinessReportByReference(tx: Tx, reference: string): Promise<StoredBusinessReport | null> {
  const row = await tx.businessReport.findUnique({ where: { reference }, include: { photos: true } });
  return row ? toStoredReport(row) : null;
}

/** A recipient's reports, oldest month first (the trend of sales and profit), optionally one program and a range of months. */
export async function listRecipientBusinessReports(
  tx: Tx,
  recipientId: number,
  options: { programCode?: string; from?: ReportPeriod; to?: ReportPeriod } = {},
): Promise<StoredBusinessReport[]> {
  const rows = await tx.businessReport.findMany({
    where: {
      recipientId,
      ...(options.programCode !== undefined && { programCode: options.programCode }),
      ...((options.from !== undefined || options.to !== undefined) && {
        period: {
          ...(options.from !== undefined && { gte: periodToDate(options.from) }),
          ...(options.to !== undefined && { lte: periodToDate(options.to) }),
        },
      }),
    },
    include: { photos: true },
    orderBy: [{ period: 'asc' }, { programCode: 'asc' }],
  });
  return rows.map(toStoredReport);
}

/** The replaced versions of a report, oldest first (the current one is not among them). */
export async function listBusinessReportVersions(tx: Tx, reportId: number): Promise<BusinessReportVersionView[]> {
  const rows = await tx.businessReportVersion.findMany({ where: { reportId }, orderBy: { version: 'asc' } });
  return rows.map(toVersionView);
}
