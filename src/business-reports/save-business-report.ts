import { writeAudit } from '../audit/write-audit.js';
import type { Prisma } from '../storage/generated/client.js';
import type { BusinessReportFacts, ReportPhoto, StoredBusinessReport } from './business-report.js';
import { findBusinessReport } from './read-business-reports.js';
import { newReportReference } from './reference-number.js';
import { periodToDate, type ReportPeriod } from './report-period.js';
import { photoOf } from './to-report-view.js';

export interface BusinessReportSubmission {
  recipientId: number;
  programCode: string;
  period: ReportPeriod;
  facts: BusinessReportFacts;
  photos: ReportPhoto[];
  /** Where it came from, for the audit log (the chat's id, not a person's data). */
  channel: string;
  chatId: string;
  late: boolean;
  submittedAt: Date;
}

export interface SavedBusinessReport {
  report: StoredBusinessReport;
  /** The version this one replaced, when the month already had a report. */
  replacedVersion: number | null;
}

function factColumns(facts: BusinessReportFacts) {
  return {
    businessStatus: facts.businessStatus,
    stopReason: facts.stopReason,
    stopNote: facts.stopNote,
    salesAmount: facts.salesAmount === null ? null : BigInt(facts.salesAmount),
    profitAmount: facts.profitAmount === null ? null : BigInt(facts.profitAmount),
    familyWorkers: facts.familyWorkers,
    paidWorkers: facts.paidWorkers,
    equipmentUse: facts.equipmentUse,
    problems: facts.problems,
  };
}

/**
 * Stores a report inside the caller's transaction (the chat turn's): the month's first, or a
 * replacement whose predecessor is copied to business_report_version first (with its photos'
 * media keys), with its audit entry. The reference is drawn until it is free (a clash among
 * 729 million values is rare; the unique index is the last word).
 *
 * @example
 * await db.prisma.$transaction((tx) => saveBusinessReport(tx, submission));
 */
export async function saveBusinessReport(
  tx: Prisma.TransactionClient,
  submission: BusinessReportSubmission,
  newReference: () => string = newReportReference,
): Promise<SavedBusinessReport> {
  let reference = newReference();
  for (let attempt = 0; attempt < 8 && (await tx.businessReport.findUnique({ where: { reference }, select: { id: true } })); attempt += 1) {
    reference = newReference();
  }
  return saveIn(tx, submission, reference);
}

async function saveIn(tx: Prisma.TransactionClient, submission: BusinessReportSubmission, reference: string): Promise<SavedBusinessReport> {
  const period = periodToDate(submission.period);
  const key = { recipientId: submission.recipientId, programCode: submission.programCode, period };
  // Lock the month's row (if any) so two submissions at once replace one after the other.
  const existing = await tx.businessReport.findUnique({ where: { recipientId_programCode_period: key }, include: { photos: true } });
  const columns = {
    ...factColumns(submission.facts),
    reference,
    channel: submission.channel,
    late: submission.late,
    submittedAt: submission.submittedAt,
  };
  const photoRows = submission.photos.map((photo) => photoOf(photo));
  let replacedVersion: number | null = null;
  let reportId: number;
  if (existing) {
    replacedVersion = existing.version;
    await tx.businessReportVersion.create({
      data: {
        reportId: existing.id,
        version: existing.version,
        reference: existing.reference,
        businessStatus: existing.businessStatus,
        stopReason: existing.stopReason,
        stopNote: existing.stopNote,
        salesAmount: existing.salesAmount,
        profitAmount: existing.profitAmount,
        familyWorkers: existing.familyWorkers,
        paidWorkers: existing.paidWorkers,
        equipmentUse: existing.equipmentUse,
        problems: existing.problems,
        channel: existing.channel,
        late: existing.late,
        photos: existing.photos.map(photoOf) as unknown as Prisma.InputJsonValue,
        submittedAt: existing.submittedAt,
        replacedAt: submission.submittedAt,
      },
    });
    await tx.businessReportPhoto.deleteMany({ where: { reportId: existing.id } });
    // Optimistic guard: the version must still be the one read, or another submission won the race.
    const updated = await tx.businessReport.updateMany({
      where: { id: existing.id, version: existing.version },
      data: { ...columns, version: existing.version + 1 },
    });
    if (updated.count !== 1) throw new Error('business report changed while being replaced');
    reportId = existing.id;
  } else {
    reportId = (await tx.businessReport.create({ data: { ...key, ...columns } })).id;
  }
  if (photoRows.length > 0) {
    await tx.businessReportPhoto.createMany({ data: photoRows.map((photo) => ({ ...photo, reportId })) });
  }
  await writeAudit(tx, {
    action: 'business-report.submit',
    channel: submission.channel,
    chatId: submission.chatId,
    recipientId: submission.recipientId,
    // Which report, never its figures.
    details: { programCode: submission.programCode, period: submission.period, reference, replacedVersion, photos: photoRows.length },
  });
  const report = await findBusinessReport(tx, submission.recipientId, submission.programCode, submission.period);
  if (!report) throw new Error('business report vanished after saving');
  return { report, replacedVersion };
}
