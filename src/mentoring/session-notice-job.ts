import type { Translate } from '../i18n/create-translator.js';
import type { ScheduledJob } from '../proactive/scheduler.js';
import type { QuietHours } from '../proactive/quiet-hours.js';
import type { Database } from '../storage/database.js';
import { fireDueNotices } from './notice-dispatcher.js';

/**
 * Session notices (invitation, reminders, reschedule and cancel notices) as a job of the one
 * scheduler loop (src/proactive/scheduler.ts). Their schedule is `session_notice.fire_at`; each
 * is marked fired in the transaction that queues its messages, so a restart or a second process
 * loses or doubles nothing. Returns the notices handled.
 */
export function sessionNoticesJob(options: {
  db: Database;
  translate: Translate;
  /** The proactive core's quiet hours (configured default, operator overrides per regency). */
  quietHoursFor: () => Promise<(regency: string) => QuietHours>;
}): ScheduledJob {
  return {
    name: 'session-notices',
    run: async (now) => fireDueNotices({ db: options.db, translate: options.translate, now, quietHoursFor: await options.quietHoursFor() }),
  };
}
