import type { EligibilitySummary, LineSpec, ReplySpec } from '../contract.js';
import { menuReply } from './menu-reply.js';

/**
 * Who the record belongs to (name masked), where, and each program with its current stage —
 * or a clear note that there is none, with how to be proposed.
 */
export function eligibilityReply(summary: EligibilitySummary, justVerified: boolean): ReplySpec {
  const lines: LineSpec[] = justVerified ? [{ key: 'summary.verified' }] : [];
  lines.push(
    { key: 'summary.title' },
    { key: 'summary.name', params: { name: summary.maskedName } },
    {
      key: 'summary.address',
      params: { village: summary.village, district: summary.district, regency: summary.regency },
    },
  );
  if (summary.enrolments.length === 0) {
    lines.push({ key: 'summary.noProgram' }, { key: 'summary.noProgramHint' });
  } else {
    lines.push({ key: 'summary.programs' });
    for (const enrolment of summary.enrolments) {
      lines.push({
        key: 'summary.program',
        params: { program: enrolment.programName, stage: enrolment.currentStage, date: enrolment.currentStageOn },
      });
    }
    lines.push({ key: 'summary.statusHint' });
  }
  return menuReply(true, lines);
}
