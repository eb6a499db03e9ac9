import type { Logger } from 'pino';
import type { Translate } from '../i18n/create-translator.js';
import { errorSummary } from '../logging/error-summary.js';
import { systemClock, type Clock } from '../outbox/clock.js';
import type { Database } from '../storage/database.js';
import { fireDueNotices } from './notice-dispatcher.js';

export interface NoticeSchedulerOptions {
  db: Database;
  translate: Translate;
  logger: Logger;
  clock?: Clock;
  /** How often to look for due notices. Default 30 s. */
  intervalMs?: number;
  /** Called after notices queued messages, so the outbox sender wakes up. */
  onQueued?: () => void;
}

/**
 * Looks for due session notices now and then and fires them. The schedule lives in the
 * database (`session_notice.fire_at`), so a restart or a second process loses or doubles nothing.
 */
export class NoticeScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(private readonly options: NoticeSchedulerOptions) {}

  start(): void {
    const tick = async () => {
      await this.tick().catch((error: unknown) => this.options.logger.error({ err: errorSummary(error) }, 'session notices failed'));
      if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs ?? 30_000);
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Fires what is due at the clock's now (tests call it after moving their clock). */
  async tick(): Promise<number> {
    if (this.running) return this.running;
    const clock = this.options.clock ?? systemClock;
    this.running = fireDueNotices({ db: this.options.db, translate: this.options.translate, now: new Date(clock.now()) }).finally(() => (this.running = undefined));
    const fired = await this.running;
    if (fired > 0) this.options.onQueued?.();
    return fired;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
