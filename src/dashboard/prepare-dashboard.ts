import type { Logger } from 'pino';
import type { AppConfig } from '../config/load-config.js';
import type { Proactive } from '../proactive/index.js';
import type { Database } from '../storage/database.js';
import { createDashboard } from './create-dashboard.js';
import { seedDemoStaff, type DemoAdmin } from './staff/demo-staff.js';

/**
 * The dashboard for `npm start`: the sub-app, and (with SEED_DEMO on a fresh database) the
 * demo accounts. `announce` prints the URL, and the demo admin's one-time password once, to
 * the terminal only: a password never goes into the structured logs.
 */
export async function prepareDashboard(options: { db: Database; config: AppConfig; logger: Logger; proactive?: Proactive; wakeOutbox?: () => void }) {
  const { db, config, logger } = options;
  const demoAdmin: DemoAdmin | undefined = config.SEED_DEMO ? await seedDemoStaff(db.prisma) : undefined;
  const app = createDashboard({
    prisma: db.prisma,
    publicUrl: config.PUBLIC_URL,
    reminderOffsets: config.SESSION_REMINDERS,
    logger: logger.child({ component: 'dashboard' }),
    ...(options.proactive ? { proactive: options.proactive } : {}),
    ...(options.wakeOutbox ? { wakeOutbox: options.wakeOutbox } : {}),
  });
  return {
    app,
    announce(port: number): void {
      const base = config.PUBLIC_URL ? config.PUBLIC_URL.replace(/\/+$/, '') : `http://localhost:${port}`;
      const lines = [`Dashboard: ${base}/dashboard`];
      if (demoAdmin) {
        lines.push(
          `  Demo admin: username "${demoAdmin.username}", one-time password: ${demoAdmin.oneTimePassword}`,
          '  (shown only now; you choose a new password at first login. Lost it? npm run admin -- reset-password admin)',
        );
      }
      process.stdout.write(`\n${lines.join('\n')}\n\n`);
    },
  };
}
