import type { Clock } from '../outbox/clock.js';
import type { Translate } from '../i18n/create-translator.js';
import type { Database } from '../storage/database.js';
import type { QuietHoursTable } from './quiet-hours-store.js';

/** What the proactive services share: storage, translations, the clock and quiet hours per regency. */
export interface ProactiveContext {
  db: Pick<Database, 'prisma'>;
  translate: Translate;
  clock: Clock;
  quietHours(): Promise<QuietHoursTable>;
  /** A fire found later than this after its time is skipped (never sent late in a burst). */
  lateToleranceMs: number;
}
