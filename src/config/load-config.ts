import { parseReminderOffsets } from '../mentoring/reminder-offsets.js';
import { INDONESIAN_ZONES, type IndonesianTimeZone } from '../domain/local-time.js';
import { DEFAULT_REPORT_REMINDER_SCHEDULE, reportReminderScheduleSchema, type ReportReminderSchedule } from '../report-reminders/reminder-schedule.js';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Loopback unless told otherwise: a laptop run must not be reachable from the network. */
  HOST: z.preprocess(emptyAsUndefined, z.string().trim().regex(/^[A-Za-z0-9.:_-]+$/, 'an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0').default('127.0.0.1')),
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgresql://').optional()),
  DATA_DIR: z.string().default('./data'),
  SEED_DEMO: flag.default(true),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: z.preprocess(emptyAsUndefined, z.string().url().default('https://api.telegram.org')),
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'only A-Z, a-z, 0-9, _ and -').optional()),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  IDLE_TIMEOUT_MINUTES: z.coerce.number().positive().default(30),
  /** When mentoring-session reminders go out: "1d@09:00" (the day before at 09:00 local), "2h", "30m", comma-separated. */
  SESSION_REMINDERS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('1d@09:00,2h')
      .transform((text, ctx) => {
        try {
          return parseReminderOffsets(text);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
  ),
  /** Keys the hash of NIKs kept with verification attempts; generated and stored on first start when unset. */
  NIK_HASH_SECRET: optionalString,
  /** Days message bodies (what people typed, what the bot answered) are kept; processed inbound text goes at once. */
  MESSAGE_RETENTION_DAYS: z.coerce.number().positive().default(7),
  VERIFY_MAX_FAILURES_PER_CHAT: z.coerce.number().int().positive().default(3),
  VERIFY_MAX_FAILURES_PER_NIK: z.coerce.number().int().positive().default(5),
  OUTBOX_GLOBAL_PER_SECOND: z.coerce.number().positive().default(30),
  OUTBOX_PER_CHAT_PER_SECOND: z.coerce.number().positive().default(1),
  OUTBOX_PER_CHAT_BURST: z.coerce.number().int().positive().default(3),
  /** Platform calls under way at once; also the most a kill -9 can repeat. */
  OUTBOX_SEND_CONCURRENCY: z.coerce.number().int().positive().max(1_000).default(64),
  /** A platform call with no answer after this long is given up; the message is tried again (its delivery unknown). */
  SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Quiet hours for reminders and broadcasts, in each KPM's local time (HH:MM); equal means none. */
  QUIET_HOURS_START: z.preprocess(emptyAsUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').default('21:00')),
  QUIET_HOURS_END: z.preprocess(emptyAsUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').default('07:00')),
  /** A business report for the previous month is still taken until this day of the month (0: never). */
  BUSINESS_REPORT_LATE_UNTIL_DAY: z.coerce.number().int().min(0).max(28).default(10),
  /** Largest photo (as the platform sends it) a business report takes, in megabytes. */
  REPORT_PHOTO_MAX_MB: z.coerce.number().positive().max(64).default(10),
  /** "Saatnya lapor": day of the month (1-28) and hour (0-23, local) of the first reminder. */
  REPORT_REMINDER_DAY: z.coerce.number().default(DEFAULT_REPORT_REMINDER_SCHEDULE.day),
  REPORT_REMINDER_HOUR: z.coerce.number().default(DEFAULT_REPORT_REMINDER_SCHEDULE.hour),
  /** Days after the first when those still missing are reminded again, comma-separated ("3,7"); "none" for no follow-ups. */
  REPORT_REMINDER_AGAIN_AFTER_DAYS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default(DEFAULT_REPORT_REMINDER_SCHEDULE.againAfterDays.join(','))
      .transform((text) => (text.trim().toLowerCase() === 'none' ? [] : text.split(',').map((part) => Number(part.trim())))),
  ),
  /** The zone whose wall clock the day and hour are read in. */
  REPORT_REMINDER_TIME_ZONE: z.preprocess(emptyAsUndefined, z.enum(INDONESIAN_ZONES as [IndonesianTimeZone, ...IndonesianTimeZone[]]).default(DEFAULT_REPORT_REMINDER_SCHEDULE.timeZone)),
});

export type AppConfig = z.infer<typeof schema>;

/** Reads and checks the environment; a bad value stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  // The reminder schedule is checked as a whole by its own schema (a round past the 28th, rounds out of order).
  const reminders = reportReminderScheduleSchema.safeParse(reportReminderSchedule(parsed.data));
  if (!reminders.success) {
    const names: Record<string, string> = { day: 'REPORT_REMINDER_DAY', hour: 'REPORT_REMINDER_HOUR', againAfterDays: 'REPORT_REMINDER_AGAIN_AFTER_DAYS', timeZone: 'REPORT_REMINDER_TIME_ZONE' };
    const problems = reminders.error.issues.map((issue) => `${names[String(issue.path[0])] ?? 'REPORT_REMINDER_*'}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  if (parsed.data.PUBLIC_URL && parsed.data.TELEGRAM_BOT_TOKEN && !parsed.data.TELEGRAM_WEBHOOK_SECRET) {
    throw new Error('Invalid configuration: TELEGRAM_WEBHOOK_SECRET is required when PUBLIC_URL is set (webhook mode)');
  }
  return parsed.data;
}

/** The "saatnya lapor" schedule the REPORT_REMINDER_* variables describe. */
export function reportReminderSchedule(config: AppConfig): ReportReminderSchedule {
  return {
    day: config.REPORT_REMINDER_DAY,
    hour: config.REPORT_REMINDER_HOUR,
    againAfterDays: config.REPORT_REMINDER_AGAIN_AFTER_DAYS,
    timeZone: config.REPORT_REMINDER_TIME_ZONE,
  };
}
