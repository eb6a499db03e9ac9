import type { Logger } from 'pino';
import type { Proactive } from '../proactive/index.js';
import type { ScheduledJob } from '../proactive/scheduler.js';
import type { PrismaClient } from '../storage/generated/client.js';
import type { ReportReminderSchedule } from './reminder-schedule.js';
import { sendDueReportReminders } from './send-report-reminders.js';

/**
 * "Saatnya lapor" as a job of the one scheduler loop (src/proactive/scheduler.ts), looked at
 * every few minutes (a round is a day's event). It keeps no state: which round is due comes from
 * the clock and the REPORT_REMINDER_* schedule, who got it from `proactive_send` (one per
 * period, round and KPM), so a restart or a second process sends nothing twice. Returns the
 * messages queued.
 */
export function reportRemindersJob(options: {
  prisma: PrismaClient;
  proactive: Pick<Proactive, 'enqueue'>;
  schedule: ReportReminderSchedule;
  logger: Logger;
  /** Default 5 minutes. */
  everyMs?: number;
}): ScheduledJob {
  return {
    name: 'report-reminders',
    everyMs: options.everyMs ?? 5 * 60_000,
    async run(now) {
      const result = await sendDueReportReminders({ prisma: options.prisma, proactive: options.proactive, now: () => now }, options.schedule);
      if (result && result.queued > 0) {
        // Counts only: who was reminded is in proactive_send, never in the log.
        options.logger.info({ period: result.period, round: result.round, missing: result.missing, queued: result.queued, skipped: result.skipped }, 'report reminders queued');
      }
      return result?.queued ?? 0;
    },
  };
}
