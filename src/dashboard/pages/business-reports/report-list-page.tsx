import type { Context } from 'hono';
import { BUSINESS_PROGRAMS } from '../../../business-reports/business-programs.js';
import { maskName } from '../../../domain/names/mask-name.js';
import { BANTEN_REGENCIES } from '../../../domain/regions/banten-regencies.js';
import { monthOf } from '../../../graduation/report-month.js';
import { groupMonths } from '../../../report-review/group-month.js';
import { monthlyReportPage, monthlyReportSummary } from '../../../report-review/monthly-report-table.js';
import { filtersQuery, type ReportFilters } from '../../../report-review/report-filters.js';
import { facilitatorGroupIds } from '../../../report-review/report-scope.js';
import { recipientScope } from '../../access/recipient-scope.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { Layout } from '../../layout/layout.js';
import { money, monthLabel, percent, recentMonths } from './report-format.js';

type C = Context<DashboardEnv>;

export const REGENCY_NAMES = BANTEN_REGENCIES.map((regency) => (regency.kind === 'kota' ? regency.name : `Kabupaten ${regency.name}`));

/** Laporan usaha: the month's reports in the reader's scope, filtered by program, group and region, a page at a time. */
export async function reportListPage(c: C, filters: ReportFilters, audit: (details: Record<string, string | number>) => Promise<void>) {
  const { prisma, now } = c.get('deps');
  const t = c.get('t');
  const lang = c.get('lang');
  const user = c.get('session').user;
  const scope = recipientScope(user);
  const facilitatorGroups = user.role === 'facilitator' ? await facilitatorGroupIds(prisma, user.id) : undefined;
  const [page, summary, programs, groups, myGroups] = await Promise.all([
    monthlyReportPage(prisma, scope, filters),
    monthlyReportSummary(prisma, scope, filters),
    prisma.program.findMany({ where: { code: { in: Object.keys(BUSINESS_PROGRAMS) } }, orderBy: { code: 'asc' } }),
    prisma.kpmGroup.findMany({ where: facilitatorGroups ? { id: { in: facilitatorGroups } } : {}, orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 500 }),
    facilitatorGroups ? groupMonths(prisma, facilitatorGroups, filters.month) : Promise.resolve([]),
  ]);
  await audit({ month: filters.month, shown: page.rows.length, ...(filters.program ? { program: filters.program } : {}), ...(filters.groupId !== undefined ? { groupId: filters.groupId } : {}), ...(filters.regency ? { regency: filters.regency } : {}) });
  const query = filtersQuery(filters);
  return c.html(
    <Layout c={c} title={t('businessReports.title')}>
      <form method="get" action={`${BASE}/laporan-usaha`} class="filters">
        <label>
          {t('businessReports.month')}
          <select name="bulan">
            {recentMonths(monthOf(now())).map((month) => <option value={month} selected={month === filters.month}>{monthLabel(month, lang)}</option>)}
          </select>
        </label>
        <label>
          {t('businessReports.program')}
          <select name="program">
            <option value="">{t('businessReports.all')}</option>
            {programs.map((p) => <option value={p.code} selected={p.code === filters.program}>{lang === 'en' ? p.nameEn : p.nameId}</option>)}
          </select>
        </label>
        <label>
          {t('businessReports.group')}
          <select name="kelompok">
            <option value="">{t('businessReports.all')}</option>
            {groups.map((g) => <option value={String(g.id)} selected={g.id === filters.groupId}>{g.name}</option>)}
          </select>
        </label>
        <label>
          {t('businessReports.region')}
          <select name="wilayah">
            <option value="">{t('businessReports.all')}</option>
            {REGENCY_NAMES.map((name) => <option value={name} selected={name === filters.regency}>{name}</option>)}
          </select>
        </label>
        <button type="submit">{t('businessReports.show')}</button>
      </form>

      <dl class="facts" id="ringkasan-bulan">
        <dt>{t('businessReports.reports')}</dt><dd>{String(summary.reports)}</dd>
        <dt>{t('businessReports.running')}</dt><dd>{t('businessReports.runningOf', { running: summary.running, reports: summary.reports, share: percent(summary.reports === 0 ? null : summary.running / summary.reports) })}</dd>
        <dt>{t('businessReports.pausedStopped')}</dt><dd>{`${summary.paused} / ${summary.stopped}`}</dd>
        <dt>{t('businessReports.totalSales')}</dt><dd>{money(summary.sales)}</dd>
        <dt>{t('businessReports.totalProfit')}</dt><dd>{money(summary.profit)}</dd>
      </dl>
      <p>
        <a href={`${BASE}/laporan-usaha/ekspor.xlsx?${query}`}>{t('businessReports.exportXlsx')}</a>{' · '}
        <a href={`${BASE}/laporan-usaha/ekspor.csv?${query}`}>{t('businessReports.exportCsv')}</a>
        {filters.groupId !== undefined ? <>{' · '}<a href={`${BASE}/laporan-usaha/kelompok/${filters.groupId}?bulan=${filters.month}`}>{t('businessReports.groupPage')}</a></> : null}
      </p>

      {myGroups.length > 0 ? (
        <>
          <h2>{t('businessReports.myGroups')}</h2>
          <div class="table-wrap">
            <table id="kelompok-saya">
              <thead><tr><th>{t('businessReports.group')}</th><th>{t('businessReports.reported')}</th><th>{t('businessReports.notReported')}</th><th>{t('businessReports.running')}</th></tr></thead>
              <tbody>
                {myGroups.map((g) => (
                  <tr>
                    <td><a href={`${BASE}/laporan-usaha/kelompok/${g.groupId}?bulan=${filters.month}`}>{g.name}</a></td>
                    <td>{`${g.reported} / ${g.members}`}</td>
                    <td>{String(g.notReported)}</td>
                    <td>{`${g.running} (${percent(g.runningShare)})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      <h2>{t('businessReports.listTitle', { month: monthLabel(filters.month, lang) })}</h2>
      {page.rows.length === 0 ? (
        <p class="muted">{t('businessReports.none')}</p>
      ) : (
        <div class="table-wrap">
          <table id="laporan">
            <thead>
              <tr>
                <th>{t('businessReports.name')}</th>
                <th>{t('businessReports.group')}</th>
                <th>{t('businessReports.region')}</th>
                <th>{t('businessReports.program')}</th>
                <th>{t('businessReports.status')}</th>
                <th>{t('businessReports.sales')}</th>
                <th>{t('businessReports.profit')}</th>
                <th>{t('businessReports.photos')}</th>
                <th>{t('businessReports.graduation')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr>
                  <td><a href={`${BASE}/laporan-usaha/penerima/${row.recipientId}`}>{maskName(row.fullName)}</a></td>
                  <td>{row.groupName ?? '—'}</td>
                  <td>{`${row.district}, ${row.regency}`}</td>
                  <td>{row.programCode}</td>
                  <td>{t(`businessReports.statuses.${row.businessStatus}`, { defaultValue: row.businessStatus })}{row.late ? ` (${t('businessReports.late')})` : ''}</td>
                  <td>{money(row.sales)}</td>
                  <td>{money(row.profit)}</td>
                  <td>{String(row.photos)}</td>
                  <td>{row.candidate ? <strong class="candidate">{t('businessReports.candidate')}</strong> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.next ? (
        <p class="pager"><a href={`${BASE}/laporan-usaha?${filtersQuery(filters, { setelah: page.next })}`}>{t('businessReports.next')}</a></p>
      ) : null}
      <p class="muted">{t('businessReports.audited')}</p>
    </Layout>,
  );
}
