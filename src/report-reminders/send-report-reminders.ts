import type { Proactive } from '../proactive/index.js';
import type { EnqueueResult } from '../proactive/types.js';
import type { PrismaClient } from '../storage/generated/client.js';
import { missingReporters } from './missing-reporters.js';
import { dueReminderRound, type ReportReminderSchedule } from './reminder-schedule.js';

/** The proactive source of these reminders; its id is the period as a number (202611). */
export const REPORT_REMINDER_SOURCE = 'business-report-reminder';

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * One step of the "saatnya lapor" reminders, safe to run as often as wanted (every few minutes,
 * beside the proactive core's fireDueRules): when a round of this month has come, the KPM still
 * missing a report get it through the proactive core, which sends each (period, round, KPM) once,
 * honours opt-out, blocked chats and quiet hours (moved to their end, never dropped), and uses
 * the bulk lane behind conversation replies. Round 1 says it is time; later rounds remind again.
 * Returns null when no round is due.
 */
export async function sendDueReportReminders(
  deps: { prisma: PrismaClient; proactive: Pick<Proactive, 'enqueue'>; now: () => Date },
  schedule: ReportReminderSchedule,
): Promise<(EnqueueResult & { period: string; round: number; missing: number }) | null> {
  const now = deps.now();
  const due = dueReminderRound(now, schedule);
  if (!due) return null;
  const recipientIds = await missingReporters(deps.prisma, due.period);
  const month = Number(due.period.slice(5, 7)) - 1;
  const monthName = { id: `${MONTHS_ID[month]} ${due.period.slice(0, 4)}`, en: `${MONTHS_EN[month]} ${due.period.slice(0, 4)}` };
  if (recipientIds.length === 0) return { period: due.period, round: due.round, missing: 0, queued: 0, skipped: {}, alreadyQueued: 0 };
  const result = await deps.proactive.enqueue({
    sourceKind: REPORT_REMINDER_SOURCE,
    sourceId: Number(due.period.replace('-', '')),
    occurrenceKey: `round-${due.round}`,
    target: { recipientIds },
    message: {
      kind: 'reply',
      reply: {
        lines: [
          due.round === 1 ? { key: 'reportReminder.due', params: { month: monthName } } : { key: 'reportReminder.again', params: { month: monthName } },
          { key: 'reportReminder.howTo' },
          { key: 'reportReminder.optOut' },
        ],
      },
    },
    notBefore: due.at.getTime() > now.getTime() ? due.at : now,
    priority: 'bulk',
  });
  return { ...result, period: due.period, round: due.round, missing: recipientIds.length };
}
