import type { Logger } from 'pino';
import { errorSummary } from '../logging/error-summary.js';
import { systemClock, type Clock } from '../outbox/clock.js';
import type { Proactive } from '../proactive/index.js';
import type { PrismaClient } from '../storage/generated/client.js';
import type { ReportReminderSchedule } from './reminder-schedule.js';
import { sendDueReportReminders } from './send-report-reminders.js';

export interface ReportReminderSchedulerOptions {
  prisma: PrismaClient;
  proactive: Pick<Proactive, 'enqueue'>;
  schedule: ReportReminderSchedule;
  logger: Logger;
  clock?: Clock;
  /** How often to look for a due round. Default 5 minutes (a round is a day's event). */
  intervalMs?: number;
  /** Called after a round queued messages, so the outbox sender wakes up. */
  onQueued?: () => void;
}

/**
 * Runs the "saatnya lapor" step now and then, beside the proactive scheduler. It keeps no state:
 * which round is due comes from the clock and the schedule, who got it from `proactive_send`
 * (one per period, round and KPM), so a restart or a second process sends nothing twice.
 */
export class ReportReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(private readonly options: ReportReminderSchedulerOptions) {}

  start(): void {
    this.stopped = false;
    const tick = async () => {
      await this.tick().catch((error: unknown) => this.options.logger.error({ err: errorSummary(error) }, 'report reminders failed'));
      if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs ?? 5 * 60_000);
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Sends the round due at the clock's now, if any; returns how many messages it queued (tests call it after moving their clock). */
  async tick(): Promise<number> {
    if (this.running) return this.running;
    const clock = this.options.clock ?? systemClock;
    this.running = sendDueReportReminders(
      { prisma: this.options.prisma, proactive: this.options.proactive, now: () => new Date(clock.now()) },
      this.options.schedule,
    )
      .then((result) => {
        if (result && result.queued > 0) {
          // Counts only: who was reminded is in proactive_send, never in the log.
          this.options.logger.info({ period: result.period, round: result.round, missing: result.missing, queued: result.queued, skipped: result.skipped }, 'report reminders queued');
        }
        return result?.queued ?? 0;
      })
      .finally(() => (this.running = undefined));
    const queued = await this.running;
    if (queued > 0) this.options.onQueued?.();
    return queued;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
