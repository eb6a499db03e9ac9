import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ReplySpec } from '../../flows/kpm-assistant/contract.js';
import type { ChannelAdapter } from '../channels/channel-port.js';
import { reportReminderSchedule, type AppConfig } from '../config/load-config.js';
import { ConversationEngine } from '../engine/conversation-engine.js';
import { createTranslator } from '../i18n/create-translator.js';
import { renderReply } from '../i18n/render-reply.js';
import { defaultAttemptLimits } from '../kpm-effects/attempt-limits.js';
import { OutboxSender } from '../outbox/outbox-sender.js';
import type { RateLimitSettings } from '../outbox/rate-limits.js';
import { RetentionPurger } from '../retention/retention-purger.js';
import { installationSecret } from '../storage/app-secret.js';
import type { Database } from '../storage/database.js';
import { defaultLinkCodeSettings, type LinkCodeSettings } from '../facilitators/link-codes.js';
import { sessionNoticesJob } from '../mentoring/session-notice-job.js';
import type { ReminderOffset } from '../mentoring/reminder-offsets.js';
import type { Clock } from '../outbox/clock.js';
import { conversationRouter } from './conversation-router.js';
import { facilitatorFlowBinding } from './facilitator-flow-binding.js';
import { kpmFlowBinding } from './kpm-flow-binding.js';
import { createProactive, type Proactive } from '../proactive/index.js';
import { minutesOf } from '../proactive/quiet-hours.js';
import { reminderRulesJob, scheduledBroadcastsJob, Scheduler } from '../proactive/scheduler.js';
import type { PhotoStorage } from '../business-reports/photos/store-report-photo.js';
import { reportRemindersJob } from '../report-reminders/report-reminder-job.js';

export interface RuntimeOptions {
  config: AppConfig;
  db: Database;
  channels: ChannelAdapter[];
  logger: Logger;
  /** Where business-report photos are fetched from and kept; without it photos are refused politely. */
  reportPhotos?: Omit<PhotoStorage, 'maxBytes'>;
  /** Pacing for channels that bring their own; undefined falls back to the configured OUTBOX_* limits. */
  rateLimits?: (channel: string) => RateLimitSettings | undefined;
  /** When session reminders fall due, link codes expire and queued messages become due (tests move it); the system clock otherwise. */
  clock?: Clock;
  /** Session reminder offsets; SESSION_REMINDERS (the day before at 09:00 local and 2 hours before) by default. */
  reminderOffsets?: readonly ReminderOffset[];
}

/** Runs one scheduled job now, beside (never doubled with) the loop's own run of it. */
export interface JobHandle {
  tick(): Promise<number>;
}

export interface Runtime {
  engine: ConversationEngine;
  sender: OutboxSender;
  purger: RetentionPurger;
  /** Reminders, broadcasts and opt-out (src/proactive). */
  proactive: Proactive;
  /** The one background loop for proactive messages: reminder rules, session notices, report reminders. */
  scheduler: Scheduler;
  /** Session invitations, reminders and notices due at the clock's now: a job of `scheduler` (tests move the clock, then tick). Returns the notices handled. */
  notices: JobHandle;
  /** "Saatnya lapor" to KPM without this month's business report (REPORT_REMINDER_*): a job of `scheduler`. Returns the messages queued. */
  reportReminders: JobHandle;
  /** Linking codes for facilitator chats (the dashboard issues them with the same settings). */
  linkCodes: LinkCodeSettings;
  /** Starts the inbound sweep, the outbox sender and the retention purge (channels are started by the caller). */
  start(): void;
  /** Stops processing: in-flight messages finish, nothing stored is lost. */
  stop(): Promise<void>;
}

/** The composition root: engine + KPM flow + translator + outbox sender over one database. */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, db, logger } = options;
  const t = createTranslator();
  const nikHashSecret = config.NIK_HASH_SECRET ?? (await installationSecret(db, 'nik-hash-secret'));
  const contextSealKey = Buffer.from(await installationSecret(db, 'context-seal-key'), 'hex');
  const limits = {
    ...defaultAttemptLimits,
    perChat: config.VERIFY_MAX_FAILURES_PER_CHAT,
    perNik: config.VERIFY_MAX_FAILURES_PER_NIK,
  };
  const flow = kpmFlowBinding({
    nikHashSecret,
    limits,
    report: {
      lateUntilDay: config.BUSINESS_REPORT_LATE_UNTIL_DAY,
      photos: options.reportPhotos ? { ...options.reportPhotos, maxBytes: Math.round(config.REPORT_PHOTO_MAX_MB * 1024 * 1024) } : null,
    },
  });
  const now = () => new Date(options.clock?.now() ?? Date.now());
  const quietHours = { start: minutesOf(config.QUIET_HOURS_START), end: minutesOf(config.QUIET_HOURS_END) };
  const render = (spec: unknown, language: string) => renderReply(spec as ReplySpec, language === 'en' ? 'en' : 'id', t);
  const linkCodes: LinkCodeSettings = { ...defaultLinkCodeSettings, secret: await installationSecret(db, 'facilitator-link-secret') };
  const router = conversationRouter({
    kpm: flow,
    facilitator: facilitatorFlowBinding({ reminderOffsets: options.reminderOffsets ?? config.SESSION_REMINDERS, translate: t, now, quietHours }),
    linkCodes,
    now,
  });
  const idleTimeoutMs = config.IDLE_TIMEOUT_MINUTES * 60_000;
  const configured: RateLimitSettings = {
    perChatPerSecond: config.OUTBOX_PER_CHAT_PER_SECOND,
    perChatBurst: config.OUTBOX_PER_CHAT_BURST,
    globalPerSecond: config.OUTBOX_GLOBAL_PER_SECOND,
  };
  const sender = new OutboxSender({
    db,
    channels: options.channels,
    rateLimits: (channel) => options.rateLimits?.(channel) ?? configured,
    logger: logger.child({ component: 'outbox' }),
    sendTimeoutMs: config.SEND_TIMEOUT_MS,
    concurrency: config.OUTBOX_SEND_CONCURRENCY,
    ...(options.clock ? { clock: options.clock } : {}),
    journalDir: join(config.DATA_DIR, 'outbox-journal'),
  });
  const engine = new ConversationEngine({
    db,
    flow,
    router,
    contextSealKey,
    render,
    logger: logger.child({ component: 'engine' }),
    idleTimeoutMs,
    onOutboxWritten: () => sender.wake(),
    // Under a flood, take messages in no faster than replies go out.
    outboxBacklogLimit: 512,
  });
  const purger = new RetentionPurger({
    db,
    settings: {
      messageRetentionMs: config.MESSAGE_RETENTION_DAYS * 24 * 60 * 60_000,
      verificationWindowMs: limits.windowMs,
      idleTimeoutMs,
      secretContextFields: flow.secretContextFields ?? [],
    },
    logger: logger.child({ component: 'retention' }),
  });
  const proactive = createProactive({
    db,
    translate: t,
    quietHours,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  // One loop for everything proactive: each job finds what is due in the database (or, for the
  // report rounds, from the clock and REPORT_REMINDER_*) and sends through the proactive core.
  const schedulerLogger = logger.child({ component: 'scheduler' });
  const scheduler = new Scheduler({
    jobs: [
      reminderRulesJob(proactive, schedulerLogger),
      scheduledBroadcastsJob(proactive, schedulerLogger),
      sessionNoticesJob({ db, translate: t, quietHoursFor: () => proactive.quietHoursFor() }),
      reportRemindersJob({ prisma: db.prisma, proactive, schedule: reportReminderSchedule(config), logger: schedulerLogger }),
    ],
    logger: schedulerLogger,
    ...(options.clock ? { clock: options.clock } : {}),
    onQueued: () => sender.wake(),
  });
  const notices: JobHandle = { tick: () => scheduler.runJob('session-notices') };
  const reportReminders: JobHandle = { tick: () => scheduler.runJob('report-reminders') };
  return {
    engine,
    sender,
    purger,
    proactive,
    scheduler,
    notices,
    reportReminders,
    linkCodes,
    start() {
      engine.start();
      sender.start();
      purger.start();
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await purger.stop();
      await engine.stop();
      await sender.stop();
    },
  };
}
