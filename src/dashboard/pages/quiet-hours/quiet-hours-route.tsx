import type { Context } from 'hono';
import { Hono } from 'hono';
import { writeAudit } from '../../../audit/write-audit.js';
import type { QuietHours } from '../../../proactive/quiet-hours.js';
import { writeQuietHoursOverride } from '../../../proactive/quiet-hours-store.js';
import { requireCapability } from '../../access/middleware.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { formatMoment } from '../../layout/format.js';
import { CsrfField, Layout } from '../../layout/layout.js';
import { clearQuietHoursSchema, clockOfMinutes, minutesOfClock, setQuietHoursSchema } from './quiet-hours-form.js';

type C = Context<DashboardEnv>;

// Access: 'quietHours.manage' (admins and operators). Quiet hours are read in each KPM's own
// zone; an override applies to the KPM of one regency. Every change is audited with it.
export function quietHoursRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/jam-tenang', requireCapability('quietHours.manage'));
  app.use('/jam-tenang/*', requireCapability('quietHours.manage'));

  app.get('/jam-tenang', (c) => page(c));

  app.post('/jam-tenang', async (c) => {
    const parsed = setQuietHoursSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return page(c, 'quietHours.invalid', 400);
    const { prisma } = c.get('deps');
    if (!(await knownRegencies(c)).includes(parsed.data.region)) return page(c, 'quietHours.unknownRegion', 400);
    const quiet: QuietHours = { start: minutesOfClock(parsed.data.start), end: minutesOfClock(parsed.data.end) };
    const user = c.get('session').user;
    await prisma.$transaction(async (tx) => {
      const before = await tx.quietHoursOverride.findUnique({ where: { region: parsed.data.region } });
      await writeQuietHoursOverride(tx, parsed.data.region, quiet);
      await writeAudit(tx, {
        action: 'quiet-hours.set', channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id,
        details: { region: parsed.data.region, start: quiet.start, end: quiet.end, before: before ? { start: before.quietStart, end: before.quietEnd } : null },
      });
    });
    return c.redirect(`${BASE}/jam-tenang`, 303);
  });

  app.post('/jam-tenang/hapus', async (c) => {
    const parsed = clearQuietHoursSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return page(c, 'quietHours.invalid', 400);
    const { prisma } = c.get('deps');
    const user = c.get('session').user;
    const cleared = await prisma.$transaction(async (tx) => {
      if (!(await writeQuietHoursOverride(tx, parsed.data.region, null))) return false;
      await writeAudit(tx, { action: 'quiet-hours.clear', channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id, details: { region: parsed.data.region } });
      return true;
    });
    if (!cleared) return page(c, 'quietHours.notSet', 400);
    return c.redirect(`${BASE}/jam-tenang`, 303);
  });

  return app;
}

/** Regencies as recipients and groups name them: the keys an override may use. */
async function knownRegencies(c: C): Promise<string[]> {
  const { prisma } = c.get('deps');
  const rows = await prisma.$queryRaw<Array<{ regency: string }>>`
    SELECT DISTINCT regency FROM (SELECT regency FROM recipient UNION SELECT regency FROM kpm_group) AS r ORDER BY regency`;
  return rows.map((row) => row.regency);
}

async function page(c: C, errorKey?: string, status: 200 | 400 = 200) {
  const { prisma, proactive } = c.get('deps');
  const t = c.get('t');
  const lang = c.get('lang');
  const session = c.get('session');
  const [overrides, regencies] = await Promise.all([prisma.quietHoursOverride.findMany({ orderBy: { region: 'asc' } }), knownRegencies(c)]);
  const span = (quiet: QuietHours) =>
    quiet.start === quiet.end ? t('quietHours.none') : t('quietHours.span', { start: clockOfMinutes(quiet.start, lang), end: clockOfMinutes(quiet.end, lang) });
  return c.html(
    <Layout c={c} title={t('quietHours.title')}>
      {errorKey ? <p class="error" role="alert">{t(errorKey)}</p> : null}
      <p>{t('quietHours.explain')}</p>
      <p>
        {t('quietHours.default')}: <strong data-testid="quiet-default">{span(proactive.quietHours)}</strong>
      </p>
      <h2>{t('quietHours.overrides')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('recipients.regency')}</th>
              <th>{t('quietHours.hours')}</th>
              <th>{t('quietHours.updated')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {overrides.length === 0 ? <tr><td colspan={4}>{t('quietHours.noOverrides')}</td></tr> : null}
            {overrides.map((row) => (
              <tr data-region={row.region}>
                <td>{row.region}</td>
                <td>{span({ start: row.quietStart, end: row.quietEnd })}</td>
                <td>{formatMoment(row.updatedAt, lang)}</td>
                <td>
                  <form method="post" action={`${BASE}/jam-tenang/hapus`} class="inline">
                    <CsrfField token={session.csrfToken} />
                    <input type="hidden" name="region" value={row.region} />
                    <button type="submit" class="secondary">{t('quietHours.clear')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('quietHours.set')}</h2>
      <form method="post" action={`${BASE}/jam-tenang`} class="stack">
        <CsrfField token={session.csrfToken} />
        <label>
          {t('recipients.regency')}
          <select name="region" required>
            {regencies.map((regency) => (
              <option value={regency}>{regency}</option>
            ))}
          </select>
        </label>
        <label>
          {t('quietHours.start')}
          <input type="time" name="start" required />
        </label>
        <label>
          {t('quietHours.end')}
          <input type="time" name="end" required />
        </label>
        <p class="muted">{t('quietHours.equalHint')}</p>
        <button type="submit">{t('quietHours.save')}</button>
      </form>
    </Layout>,
    status,
  );
}
