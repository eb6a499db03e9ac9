import type { Logger } from 'pino';
import type { Language } from '../../flows/kpm-assistant/contract.js';
import type { ReminderOffset } from '../mentoring/reminder-offsets.js';
import type { Proactive } from '../proactive/index.js';
import type { PrismaClient } from '../storage/generated/client.js';
import type { DashboardT } from './i18n/dashboard-translator.js';
import type { LoginThrottle } from './security/login-throttle.js';
import type { ActiveSession, SessionStore } from './security/session-store.js';

/** What every dashboard route may use, built once by createDashboard. */
export interface DashboardDeps {
  prisma: PrismaClient;
  sessions: SessionStore;
  throttle: LoginThrottle;
  now: () => Date;
  /** Secure cookies (PUBLIC_URL is https). */
  secureCookies: boolean;
  logger: Logger;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
  /** When mentoring-session reminders go out. */
  reminderOffsets: readonly ReminderOffset[];
  /** Broadcasts (Pengumuman) and opt-out (src/proactive). */
  proactive: Proactive;
  /** Tells the outbox sender that a broadcast was queued (set when the dashboard runs beside it). */
  wakeOutbox?: () => void;
}

export interface DashboardEnv {
  Variables: {
    deps: DashboardDeps;
    lang: Language;
    t: DashboardT;
    /** Set by `authenticate` on every route behind the login. */
    session: ActiveSession;
  };
}

export const BASE = '/dashboard';
