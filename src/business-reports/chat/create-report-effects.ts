import { fromPromise } from 'xstate';
import type {
  LoadReportSetupInput, LoadReportSetupOutput, StorePhotoInput, StorePhotoOutput, SubmitReportInput, SubmitReportOutput,
} from '../../../flows/progress-report/contract.js';
import type { TurnScope } from '../../engine/flow-binding.js';
import { isReportPeriod } from '../report-period.js';
import { saveBusinessReport } from '../save-business-report.js';
import { storeReportPhoto, type PhotoStorage } from '../photos/store-report-photo.js';
import { loadReportSetup } from './load-report-setup.js';

export interface ReportEffectsConfig {
  /** A report for the previous month is taken until this day of the month (0: never). */
  lateUntilDay: number;
  /** Where photos come from and go; null when no media store is set up (photos then fail politely). */
  photos: PhotoStorage | null;
  /** The clock (tests move it). */
  now?: () => Date;
}

/** The progress-report flow's effects over one turn's transaction. */
export function createReportEffects(config: ReportEffectsConfig, scope: TurnScope) {
  const now = () => config.now?.() ?? new Date();
  return {
    loadReportSetup: fromPromise<LoadReportSetupOutput, LoadReportSetupInput>(({ input }) =>
      loadReportSetup(scope.tx, input, { now: now(), lateUntilDay: config.lateUntilDay })),
    storePhoto: fromPromise<StorePhotoOutput, StorePhotoInput>(async ({ input }) => {
      if (!config.photos) return { ok: false, reason: 'unavailable' };
      return storeReportPhoto(config.photos, { mediaRef: input.mediaRef, position: input.position, channel: input.channel });
    }),
    submitReport: fromPromise<SubmitReportOutput, SubmitReportInput>(async ({ input }) => {
      if (!isReportPeriod(input.period)) throw new Error('progress report: no period chosen');
      const saved = await saveBusinessReport(scope.tx, {
        recipientId: input.recipientId,
        programCode: input.programCode,
        period: input.period,
        facts: {
          businessStatus: input.businessStatus,
          stopReason: input.stopReason,
          stopNote: input.stopNote,
          salesAmount: input.salesAmount,
          profitAmount: input.profitAmount,
          familyWorkers: input.familyWorkers,
          paidWorkers: input.paidWorkers,
          equipmentUse: input.equipmentUse,
          problems: input.problems,
        },
        photos: input.photos,
        channel: input.channel,
        chatId: input.chatId,
        late: input.late,
        submittedAt: now(),
      });
      return { reference: saved.report.reference, replaced: saved.replacedVersion !== null };
    }),
  };
}
