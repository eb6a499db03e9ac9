import type { Context } from 'hono';
import { Hono } from 'hono';
import { BANTEN_REGENCIES } from '../../../domain/regions/banten-regencies.js';
import { listMinimumWages, saveMinimumWage } from '../../../wages/minimum-wages.js';
import { formatWageSen } from '../../../wages/wage-amount.js';
import { requireCapability } from '../../access/middleware.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { CsrfField, Layout } from '../../layout/layout.js';
import { wageFormSchema } from './wage-form.js';

type C = Context<DashboardEnv>;

// Regency names as the demo data and imports write them ("Kabupaten Lebak", "Kota Serang").
const KNOWN_REGENCIES = BANTEN_REGENCIES.map((regency) => (regency.kind === 'kota' ? regency.name : `Kabupaten ${regency.name}`));

// Access: 'wages.manage' (admin, operator). The UMK per regency and year is the yardstick of the
// graduation indicator; every change is audited with the figure before and after.
export function wagesRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/umk', requireCapability('wages.manage'));
  app.use('/umk/*', requireCapability('wages.manage'));

  app.get('/umk', (c) => wagesPage(c, { saved: c.req.query('tersimpan') === '1' }));

  app.post('/umk', async (c) => {
    const { prisma } = c.get('deps');
    const parsed = wageFormSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return wagesPage(c, { errorKey: 'wages.invalid' }, 400);
    const user = c.get('session').user;
    await saveMinimumWage(prisma, { regency: parsed.data.regency, year: parsed.data.year, amountSen: parsed.data.amount, source: parsed.data.source }, { id: user.id, username: user.username });
    return c.redirect(`${BASE}/umk?tersimpan=1`, 303);
  });
  return app;
}

async function wagesPage(c: C, view: { saved?: boolean; errorKey?: string }, status: 200 | 400 = 200) {
  const t = c.get('t');
  const session = c.get('session');
  const rows = await listMinimumWages(c.get('deps').prisma);
  const years = [...new Set(rows.map((row) => row.year))].sort();
  const regencies = [...new Set([...rows.map((row) => row.regency)])].sort();
  const cell = new Map(rows.map((row) => [`${row.regency}|${row.year}`, row]));
  const nextYear = (years.at(-1) ?? new Date().getUTCFullYear()) + 1;
  return c.html(
    <Layout c={c} title={t('wages.title')}>
      {view.saved ? <p class="notice" role="status">{t('wages.saved')}</p> : null}
      {view.errorKey ? <p class="error" role="alert">{t(view.errorKey)}</p> : null}
      <p>{t('wages.intro')}</p>
      <div class="table-wrap">
        <table id="umk">
          <thead>
            <tr>
              <th>{t('wages.regency')}</th>
              {years.map((year) => <th>{String(year)}</th>)}
            </tr>
          </thead>
          <tbody>
            {regencies.map((regency) => (
              <tr>
                <td>{regency}</td>
                {years.map((year) => {
                  const row = cell.get(`${regency}|${year}`);
                  return <td title={row?.source ?? undefined}>{row ? formatWageSen(row.amountSen) : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">{t('wages.sources')}</p>
      <h2>{t('wages.edit')}</h2>
      <form method="post" action={`${BASE}/umk`} class="stack">
        <CsrfField token={session.csrfToken} />
        <label>
          {t('wages.regency')}
          <input name="regency" required maxlength={100} list="regencies" />
        </label>
        <datalist id="regencies">
          {[...new Set([...KNOWN_REGENCIES, ...regencies])].map((name) => <option value={name} />)}
        </datalist>
        <label>
          {t('wages.year')}
          <input name="year" required inputmode="numeric" maxlength={4} value={String(nextYear)} />
        </label>
        <label>
          {t('wages.amount')}
          <input name="amount" required maxlength={40} placeholder="Rp5.469.922,59" />
        </label>
        <label>
          {t('wages.source')}
          <input name="source" maxlength={200} placeholder="Kepgub Banten No. …" />
        </label>
        <button type="submit">{t('wages.save')}</button>
      </form>
    </Layout>,
    status,
  );
}
