import { DEFAULT_REMINDER_OFFSETS, type ReminderOffset } from '../mentoring/reminder-offsets.js';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { pino, type Logger } from 'pino';
import type { MediaStore } from '../media/media-store.js';
import type { PrismaClient } from '../storage/generated/client.js';
import { authenticate, requirePasswordChanged, verifyCsrf } from './access/middleware.js';
import { homePath } from './access/roles.js';
import { assetsRoute } from './assets/assets-route.js';
import { BASE, type DashboardDeps, type DashboardEnv } from './dashboard-env.js';
import { appTranslator, dashboardTranslator, isLanguage } from './i18n/dashboard-translator.js';
import { renderError } from './layout/error-page.js';
import { auditRoute } from './pages/audit/audit-route.js';
import { exportRoute } from './pages/export/export-route.js';
import { groupsRoute } from './pages/groups/groups-route.js';
import { createImportJobs, type ImportJobs, type ImportJobSettings } from './pages/import/import-jobs.js';
import { broadcastsRoute } from './pages/broadcasts/broadcasts-route.js';
import { createProactive, type Proactive } from '../proactive/index.js';
import { abortableDelay } from '../outbox/clock.js';
import { importRoute } from './pages/import/import-route.js';
import { overviewRoute } from './pages/overview/overview-route.js';
import { loginRoute } from './pages/login/login-route.js';
import { logoutRoute } from './pages/login/logout-route.js';
import { passwordRoute } from './pages/password/password-route.js';
import { businessReportsRoute } from './pages/business-reports/business-reports-route.js';
import { recipientsRoute } from './pages/recipients/recipients-route.js';
import { sessionsRoute } from './pages/sessions/sessions-route.js';
import { remindersRoute } from './pages/reminders/reminders-route.js';
import { quietHoursRoute } from './pages/quiet-hours/quiet-hours-route.js';
import { usersRoute } from './pages/users/users-route.js';
import { wagesRoute } from './pages/wages/wages-route.js';
import { readLanguageCookie, setLanguageCookie } from './security/cookies.js';
import { createLoginThrottle, defaultThrottlePolicy, type ThrottlePolicy } from './security/login-throttle.js';
import { createSessionStore, defaultSessionPolicy, type SessionPolicy } from './security/session-store.js';

export interface DashboardOptions {
  prisma: PrismaClient;
  /** PUBLIC_URL: an https URL makes the cookies Secure. */
  publicUrl?: string | undefined;
  logger?: Logger;
  /** Injectable clock (session expiry, login limits). */
  now?: () => Date;
  sessionPolicy?: SessionPolicy;
  throttlePolicy?: ThrottlePolicy;
  maxUploadBytes?: number;
  /** The upload jobs' runner (tests pass their own to await it), or settings for the default one. */
  importJobs?: ImportJobs | ImportJobSettings;
  /** The runtime's proactive services; default: made here over `prisma` with default quiet hours. */
  proactive?: Proactive;
  wakeOutbox?: () => void;
  /** When session reminders go out (SESSION_REMINDERS); the default: the day before at 09:00 and 2 hours before. */
  reminderOffsets?: readonly ReminderOffset[];
  /** The media store holding report photos (DATA_DIR/media in `npm start`). */
  mediaStore?: MediaStore;
}

/**
 * The staff dashboard, a Hono sub-app mounted at /dashboard: server-rendered pages (hono/jsx),
 * plain forms, no inline script. Order matters: headers and language for all; login and assets
 * public; everything else behind authenticate → CSRF → password-change gate → each page's
 * capability check.
 */
export function createDashboard(options: DashboardOptions): Hono<DashboardEnv> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? pino({ level: 'silent' });
  const deps: DashboardDeps = {
    prisma: options.prisma,
    sessions: createSessionStore(options.prisma, options.sessionPolicy ?? defaultSessionPolicy, now),
    throttle: createLoginThrottle(options.prisma, options.throttlePolicy ?? defaultThrottlePolicy, now),
    now,
    secureCookies: options.publicUrl?.startsWith('https://') ?? false,
    logger,
    maxUploadBytes: options.maxUploadBytes ?? 20 * 1024 * 1024,
    importJobs:
      options.importJobs && 'start' in options.importJobs
        ? options.importJobs
        : createImportJobs({ prisma: options.prisma, now, logger, ...(options.importJobs ? { settings: options.importJobs } : {}) }),
    proactive: options.proactive ?? createProactive({ db: { prisma: options.prisma }, translate: appTranslator(), clock: { now: () => now().getTime(), sleep: abortableDelay } }),
    ...(options.wakeOutbox ? { wakeOutbox: options.wakeOutbox } : {}),
    reminderOffsets: options.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS,
    mediaStore: options.mediaStore,
  };

  const app = new Hono<DashboardEnv>();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'same-origin',
    }),
  );
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    const cookie = readLanguageCookie(c);
    const lang = isLanguage(cookie) ? cookie : 'id';
    c.set('lang', lang);
    c.set('t', dashboardTranslator(lang));
    return next();
  });
  // Forms are small; uploads (multipart) get the configured limit. Too big → 413, never parsed.
  app.use('*', async (c, next) => {
    const multipart = c.req.header('content-type')?.startsWith('multipart/form-data') ?? false;
    return bodyLimit({ maxSize: multipart ? deps.maxUploadBytes : 256 * 1024, onError: (c2) => renderError(c2 as never, 413, 'errors.tooLarge') })(c, next);
  });

  app.route('/', assetsRoute());
  app.get('/bahasa', (c) => {
    const lang = c.req.query('lang');
    if (isLanguage(lang)) setLanguageCookie(c, lang);
    const back = c.req.query('back') ?? '';
    // Only a path inside the dashboard: never an open redirect.
    return c.redirect(/^\/dashboard(\/[\w\-/]*)?$/.test(back) ? back : `${BASE}/`, 303);
  });
  app.route('/', loginRoute());

  app.use('*', authenticate, verifyCsrf, requirePasswordChanged);
  app.get('/', (c) => c.redirect(homePath(c.get('session').user.role), 303));
  app.route('/', logoutRoute());
  app.route('/', passwordRoute());
  app.route('/', recipientsRoute());
  app.route('/', auditRoute());
  app.route('/', usersRoute());
  app.route('/', groupsRoute());
  app.route('/', broadcastsRoute());
  app.route('/', sessionsRoute());
  app.route('/', remindersRoute());
  app.route('/', quietHoursRoute());
  app.route('/', overviewRoute());
  app.route('/', importRoute());
  app.route('/', exportRoute());
  app.route('/', wagesRoute());
  app.route('/', businessReportsRoute());

  app.notFound((c) => renderError(c, 404, 'errors.notFound'));
  app.onError((error, c) => {
    logger.error({ errorName: error.name }, 'dashboard request failed');
    return renderError(c, 500, 'errors.server');
  });
  return app;
}
