import type { BusinessReport, BusinessReportPhoto, BusinessReportVersion } from '../storage/generated/client.js';
import type {
  BusinessReportFacts, BusinessReportVersionView, BusinessStatus, EquipmentUse, ReportPhoto, StopReason, StoredBusinessReport,
} from './business-report.js';
import { dateToPeriod } from './report-period.js';

type FactColumns = Pick<BusinessReport, 'businessStatus' | 'stopReason' | 'stopNote' | 'salesAmount' | 'profitAmount'
  | 'familyWorkers' | 'paidWorkers' | 'equipmentUse' | 'problems'>;

function toNumber(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}

export function factsOf(row: FactColumns): BusinessReportFacts {
  return {
    businessStatus: row.businessStatus as BusinessStatus,
    stopReason: row.stopReason as StopReason | null,
    stopNote: row.stopNote,
    salesAmount: toNumber(row.salesAmount),
    profitAmount: toNumber(row.profitAmount),
    familyWorkers: row.familyWorkers,
    paidWorkers: row.paidWorkers,
    equipmentUse: row.equipmentUse as EquipmentUse | null,
    problems: row.problems,
  };
}

export function photoOf(row: BusinessReportPhoto | ReportPhoto): ReportPhoto {
  return {
    position: row.position, mediaKey: row.mediaKey, thumbnailKey: row.thumbnailKey, mimeType: row.mimeType,
    width: row.width, height: row.height, byteSize: row.byteSize,
  };
}

export function toStoredReport(row: BusinessReport & { photos: BusinessReportPhoto[] }): StoredBusinessReport {
  return {
    ...factsOf(row),
    id: row.id,
    reference: row.reference,
    recipientId: row.recipientId,
    programCode: row.programCode,
    period: dateToPeriod(row.period),
    channel: row.channel,
    version: row.version,
    late: row.late,
    submittedAt: row.submittedAt,
    photos: [...row.photos].sort((a, b) => a.position - b.position).map(photoOf),
  };
}

export function toVersionView(row: BusinessReportVersion): BusinessReportVersionView {
  const photos = Array.isArray(row.photos) ? (row.photos as unknown as ReportPhoto[]).map(photoOf) : [];
  return {
    ...factsOf(row),
    version: row.version,
    reference: row.reference,
    channel: row.channel,
    late: row.late,
    submittedAt: row.submittedAt,
    replacedAt: row.replacedAt,
    photos,
  };
}
