import type { Language } from '../../flows/kpm-assistant/contract.js';
import { dashboardTranslator, type DashboardT } from '../dashboard/i18n/dashboard-translator.js';
import { createStaffUser, resetStaffPassword, setStaffDisabled, type AccountResult } from '../dashboard/staff/staff-accounts.js';
import { errorSummary } from '../logging/error-summary.js';
import { openDatabase, type Database } from '../storage/database.js';
import { applyMigrations } from '../storage/migrations/apply-migrations.js';

// npm run admin -- create-user USERNAME ROLE "DISPLAY NAME"
// npm run admin -- reset-password USERNAME
// npm run admin -- disable USERNAME | enable USERNAME
// Prints a one-time password for new and reset accounts (changed at first login). Texts come
// from locales/<language>/dashboard.json under cli.* (ADMIN_LANGUAGE=en for English).

async function main(args: string[]): Promise<number> {
  const language: Language = process.env.ADMIN_LANGUAGE === 'en' ? 'en' : 'id';
  const t = dashboardTranslator(language);
  const [command, ...rest] = args;
  if (command !== 'create-user' && command !== 'reset-password' && command !== 'disable' && command !== 'enable') return fail(t('cli.usage'));
  if ((command === 'create-user' && rest.length !== 3) || (command !== 'create-user' && rest.length !== 1)) return fail(t('cli.usage'));

  let db: Database | undefined;
  try {
    db = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: `${process.env.DATA_DIR || './data'}/pglite` });
    await applyMigrations(db);
    const [username, role, displayName] = rest as [string, string?, string?];
    let result: AccountResult;
    if (command === 'create-user') result = await createStaffUser(db.prisma, { username, role: role!, displayName: displayName! });
    else if (command === 'reset-password') result = await resetStaffPassword(db.prisma, username);
    else result = await setStaffDisabled(db.prisma, username, command === 'disable');
    if (!result.ok) return fail(problemText(t, result.problem));
    const name = username.trim().toLowerCase();
    if (result.oneTimePassword) console.log(t('cli.oneTime', { username: name, password: result.oneTimePassword }));
    else console.log(t(command === 'disable' ? 'cli.disabled' : 'cli.enabled', { username: name }));
    return 0;
  } catch (error) {
    return fail(t('cli.failed', { reason: errorSummary(error) }));
  } finally {
    await db?.close();
  }
}

function problemText(t: DashboardT, problem: string): string {
  return problem === 'role' ? t('cli.role') : t(`users.problem.${problem}`);
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
