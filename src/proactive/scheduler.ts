import type { Logger } from 'pino';
import { errorSummary } from '../logging/error-summary.js';
import { systemClock, type Clock } from '../outbox/clock.js';
import type { Proactive } from './proactive.js';

export interface SchedulerOptions {
  proactive: Proactive;
  logger: Logger;
  clock?: Clock;
  /** How often due rules are looked for. Default 15 s. */
  intervalMs?: number;
  /** Called after a step queued messages (wakes the outbox sender). */
  onQueued?: () => void;
}

/**
 * Fires due reminder rules every few seconds. It holds no timers per rule: the schedule is in
 * the database (reminder_rule.next_fire_at), so several processes can run this loop on one
 * PostgreSQL (rows are locked SKIP LOCKED, sends are unique) and a restart loses nothing.
 */
export class ProactiveScheduler {
  private running = false;
  private done: Promise<void> = Promise.resolve();
  private readonly stopSignal = new AbortController();

  constructor(private readonly options: SchedulerOptions) {}

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
  }

  /** One step: fire what is due now. */
  async step(): Promise<void> {
    const outcome = await this.options.proactive.fireDueRules();
    if (outcome.queued > 0) this.options.onQueued?.();
    if (outcome.fired + outcome.skippedLate > 0) this.options.logger.info(outcome, 'reminder rules fired');
  }

  private async loop(): Promise<void> {
    const clock = this.options.clock ?? systemClock;
    while (this.running) {
      try {
        await this.step();
      } catch (error) {
        this.options.logger.error({ err: errorSummary(error) }, 'reminder scheduler step failed');
      }
      await clock.sleep(this.options.intervalMs ?? 15_000, this.stopSignal.signal);
    }
  }
}
