import type { Context } from 'hono';
import { maskName } from '../../../domain/names/mask-name.js';
import { monthOf, type ReportMonth } from '../../../graduation/report-month.js';
import { groupMonths } from '../../../report-review/group-month.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { Layout } from '../../layout/layout.js';
import { money, monthLabel, percent, recentMonths } from './report-format.js';

/** A group's month: totals, the share of businesses still running, and every member's report or "not yet". */
export async function groupMonthPage(c: Context<DashboardEnv>, groupId: number, month: ReportMonth) {
  const { prisma, now } = c.get('deps');
  const t = c.get('t');
  const lang = c.get('lang');
  const [group] = await groupMonths(prisma, [groupId], month);
  if (!group) return renderError(c, 404, 'errors.notFound');
  return c.html(
    <Layout c={c} title={t('businessReports.groupTitle', { group: group.name, month: monthLabel(month, lang) })}>
      <p><a href={`${BASE}/laporan-usaha?bulan=${month}&kelompok=${group.groupId}`}>{t('businessReports.back')}</a></p>
      <form method="get" action={`${BASE}/laporan-usaha/kelompok/${group.groupId}`} class="filters">
        <label>
          {t('businessReports.month')}
          <select name="bulan">
            {recentMonths(monthOf(now())).map((m) => <option value={m} selected={m === month}>{monthLabel(m, lang)}</option>)}
          </select>
        </label>
        <button type="submit">{t('businessReports.show')}</button>
      </form>
      <dl class="facts" id="total-kelompok">
        <dt>{t('businessReports.program')}</dt><dd>{group.programCode}</dd>
        <dt>{t('businessReports.members')}</dt><dd>{String(group.members)}</dd>
        <dt>{t('businessReports.reported')}</dt><dd>{String(group.reported)}</dd>
        <dt>{t('businessReports.notReported')}</dt><dd>{String(group.notReported)}</dd>
        <dt>{t('businessReports.stillRunning')}</dt><dd>{t('businessReports.runningOf', { running: group.running, reports: group.reported, share: percent(group.runningShare) })}</dd>
        <dt>{t('businessReports.pausedStopped')}</dt><dd>{`${group.paused} / ${group.stopped}`}</dd>
        <dt>{t('businessReports.totalSales')}</dt><dd>{money(group.sales)}</dd>
        <dt>{t('businessReports.totalProfit')}</dt><dd>{money(group.profit)}</dd>
      </dl>
      <h2>{t('businessReports.members')}</h2>
      <div class="table-wrap">
        <table id="anggota">
          <thead>
            <tr>
              <th>{t('businessReports.name')}</th>
              <th>{t('businessReports.village')}</th>
              <th>{t('businessReports.status')}</th>
              <th>{t('businessReports.sales')}</th>
              <th>{t('businessReports.profit')}</th>
            </tr>
          </thead>
          <tbody>
            {group.memberMonths.map((member) => (
              <tr>
                <td><a href={`${BASE}/laporan-usaha/penerima/${member.recipientId}`}>{maskName(member.fullName)}</a></td>
                <td>{member.village}</td>
                <td>{member.report ? t(`businessReports.statuses.${member.report.businessStatus}`, { defaultValue: member.report.businessStatus }) : <strong>{t('businessReports.notYet')}</strong>}</td>
                <td>{money(member.report?.sales ?? null)}</td>
                <td>{money(member.report?.profit ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">{t('businessReports.audited')}</p>
    </Layout>,
  );
}
