import type { ReportPeriod } from './report-period.js';

/**
 * The facts of one monthly business report, as stored (src/business-reports is the one place
 * that reads and writes the business_report tables; dashboard pages and the chat use it).
 */
export type BusinessStatus = 'running' | 'paused' | 'stopped';
export const BUSINESS_STATUSES: readonly BusinessStatus[] = ['running', 'paused', 'stopped'];

export type StopReason = 'no-capital' | 'no-buyers' | 'sick' | 'family' | 'disaster' | 'other';
export const STOP_REASONS: readonly StopReason[] = ['no-capital', 'no-buyers', 'sick', 'family', 'disaster', 'other'];

export type EquipmentUse = 'all-used' | 'partly-used' | 'not-used' | 'sold' | 'broken';
export const EQUIPMENT_USES: readonly EquipmentUse[] = ['all-used', 'partly-used', 'not-used', 'sold', 'broken'];

/** A photo already cleaned and kept in the media store. */
export interface ReportPhoto {
  /** 1..3 */
  position: number;
  mediaKey: string;
  thumbnailKey: string;
  mimeType: string;
  width: number;
  height: number;
  byteSize: number;
}

/** What a KPM answered. Figures are whole rupiah; null when not asked or skipped. */
export interface BusinessReportFacts {
  businessStatus: BusinessStatus;
  stopReason: StopReason | null;
  stopNote: string | null;
  salesAmount: number | null;
  profitAmount: number | null;
  familyWorkers: number | null;
  paidWorkers: number | null;
  equipmentUse: EquipmentUse | null;
  problems: string | null;
}

/** A report as read back: the current version of one recipient's month in one program. */
export interface StoredBusinessReport extends BusinessReportFacts {
  id: number;
  reference: string;
  recipientId: number;
  programCode: string;
  period: ReportPeriod;
  channel: string;
  version: number;
  late: boolean;
  submittedAt: Date;
  photos: ReportPhoto[];
}

/** A replaced version kept as history. */
export interface BusinessReportVersionView extends BusinessReportFacts {
  version: number;
  reference: string;
  channel: string;
  late: boolean;
  submittedAt: Date;
  replacedAt: Date;
  photos: ReportPhoto[];
}
