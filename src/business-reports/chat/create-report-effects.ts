import { fromPromise } from 'xstate';
import type {
  LoadReportSetupInput, LoadReportSetupOutput, StorePhotoInput, StorePhotoOutput, SubmitReportInput, SubmitReportOutput,
} from '../../../flows/progress-report/contract.js';
import type { TurnScope } from '../../engine/flow-binding.js';
import { turnScopeOf } from '../../engine/turn-scope.js';
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

/**
 * The progress-report flow's effects, each run on its turn's transaction (found through the
 * actor system it shares with the KPM assistant; built once per process; `fixedScope` for tests).
 */
export function createReportEffects(config: ReportEffectsConfig, fixedScope?: TurnScope) {
  const now = () => config.now?.() ?? new Date();
  const txOf = (system: object) => (fixedScope ?? turnScopeOf(system)).tx;
  return {
    loadReportSetup: fromPromise<LoadReportSetupOutput, LoadReportSetupInput>(({ input, system }) =>
      loadReportSetup(txOf(system), input, { now: now(), lateUntilDay: config.lateUntilDay })),
    storePhoto: fromPromise<StorePhotoOutput, StorePhotoInput>(async ({ input }) => {
      if (!config.photos) return { ok: false, reason: 'unavailable' };
      return storeReportPhoto(config.photos, { mediaRef: input.mediaRef, position: input.position, channel: input.channel });
    }),
    submitReport: fromPromise<SubmitReportOutput, SubmitReportInput>(async ({ input, system }) => {
      if (!isReportPeriod(input.period)) throw new Error('progress report: no period chosen');
      const saved = await saveBusinessReport(txOf(system), {
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
