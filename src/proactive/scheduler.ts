import type { Logger } from 'pino';
import { errorSummary } from '../logging/error-summary.js';
import { systemClock, type Clock } from '../outbox/clock.js';
import type { Proactive } from './proactive.js';

/**
 * One kind of scheduled work the loop drives. Its schedule lives in the database (a rule's
 * `next_fire_at`, a session notice's `fire_at`) or follows from the clock and the settings
 * (the "saatnya lapor" rounds); what it sends goes through the proactive core's one send path,
 * unique per (source, occurrence, KPM), so a run repeated by a restart or a second process
 * sends nothing twice.
 */
export interface ScheduledJob {
  /** Names the job in logs and in `runJob`. */
  name: string;
  /** Does what is due at `now`; returns how much it did (fires, notices, messages queued): above 0 wakes the outbox sender. */
  run(now: Date): Promise<number>;
  /** At least this long between the loop's runs of this job; default: every tick. */
  everyMs?: number;
}

export interface SchedulerOptions {
  jobs: ScheduledJob[];
  logger: Logger;
  clock?: Clock;
  /** How often the loop ticks. Default 15 s. */
  intervalMs?: number;
  /** Called after a run did something (wakes the outbox sender). */
  onQueued?: () => void;
}

/**
 * The one background loop for proactive messages: reminder rules, session notices and the
 * "saatnya lapor" report reminders are jobs of it. It holds no timer per rule or notice: each
 * tick asks every job what is due now; the jobs lock their rows FOR UPDATE SKIP LOCKED and
 * record each fire in the transaction that queues its messages, so several processes can run
 * this loop on one PostgreSQL and a restart loses nothing.
 */
export class Scheduler {
  private running = false;
  private done: Promise<void> = Promise.resolve();
  private readonly stopSignal = new AbortController();
  private readonly inFlight = new Map<string, Promise<number>>();
  private readonly lastRunAt = new Map<string, number>();

  constructor(private readonly options: SchedulerOptions) {}

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopSignal.abort();
    await this.done;
    await Promise.allSettled(this.inFlight.values());
  }

  /** One tick: runs every job whose turn it is. A failing job is logged and does not hold up the others. */
  async step(): Promise<void> {
    const now = this.clock.now();
    for (const job of this.options.jobs) {
      const last = this.lastRunAt.get(job.name);
      if (job.everyMs !== undefined && last !== undefined && now - last < job.everyMs) continue;
      this.lastRunAt.set(job.name, now);
      try {
        await this.runJob(job.name);
      } catch (error) {
        this.options.logger.error({ err: errorSummary(error), job: job.name }, 'scheduled job failed');
      }
    }
  }

  /**
   * Runs one job at the clock's now (tests call it after moving their clock). A run of it already
   * under way began before this call and may have missed what is due now: it is waited for and
   * counted, then the job runs again, unless another caller started a run meanwhile, which is
   * joined instead. Never two runs of one job at once in this process.
   */
  async runJob(name: string): Promise<number> {
    const job = this.options.jobs.find((candidate) => candidate.name === name);
    if (!job) throw new Error(`no scheduled job named ${name}`);
    let done = 0;
    const before = this.inFlight.get(name);
    if (before) done += await before.catch(() => 0);
    const joined = this.inFlight.get(name);
    if (joined) return done + (await joined);
    const run = job
      .run(new Date(this.clock.now()))
      .then((count) => {
        if (count > 0) this.options.onQueued?.();
        return count;
      })
      .finally(() => this.inFlight.delete(name));
    this.inFlight.set(name, run);
    return done + (await run);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      await this.step();
      await this.clock.sleep(this.options.intervalMs ?? 15_000, this.stopSignal.signal);
    }
  }
}

/** Reminder rules (reminder_rule.next_fire_at), fired through the proactive core. */
export function reminderRulesJob(proactive: Pick<Proactive, 'fireDueRules'>, logger: Logger): ScheduledJob {
  return {
    name: 'reminder-rules',
    async run() {
      const outcome = await proactive.fireDueRules();
      if (outcome.fired + outcome.skippedLate > 0) logger.info(outcome, 'reminder rules fired');
      return outcome.queued;
    },
  };
}

/** Broadcasts confirmed for a later time (broadcast.send_at, not yet enqueued), queued when it comes. */
export function scheduledBroadcastsJob(proactive: Pick<Proactive, 'enqueueDueBroadcasts'>, logger: Logger): ScheduledJob {
  return {
    name: 'scheduled-broadcasts',
    async run() {
      const outcome = await proactive.enqueueDueBroadcasts();
      if (outcome.broadcasts > 0) logger.info(outcome, 'scheduled broadcasts queued');
      return outcome.queued;
    },
  };
}
