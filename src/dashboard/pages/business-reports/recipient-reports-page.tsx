import type { Context } from 'hono';
import { raw } from 'hono/html';
import { listRecipientBusinessReports, type StoredBusinessReport } from '../../../business-reports/index.js';
import { maskNik } from '../../../domain/nik/mask-nik.js';
import { monthsBetween, monthYear } from '../../../graduation/report-month.js';
import { formatRupiah } from '../../../i18n/format-rupiah.js';
import { trendLineChart } from '../../../reporting/charts/trend-line-chart.js';
import { figureMonth } from '../../../report-review/figure-month.js';
import { reportGraduation } from '../../../report-review/report-graduation.js';
import { listMinimumWages, wageLookup, type WageLookup } from '../../../wages/minimum-wages.js';
import { formatWageSen } from '../../../wages/wage-amount.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { formatMoment } from '../../layout/format.js';
import { Layout } from '../../layout/layout.js';
import { money, monthLabel, shortMonthLabel } from './report-format.js';

type C = Context<DashboardEnv>;

/** A KPM's reports per program: the graduation mark, the trend of sales and profit against the UMK, each month's answers and photos. */
export async function recipientReportsPage(c: C, recipientId: number) {
  const { prisma } = c.get('deps');
  const t = c.get('t');
  const recipient = await prisma.recipient.findUnique({
    where: { id: recipientId },
    select: { id: true, nik: true, fullName: true, regency: true, district: true, village: true, groups: { select: { group: { select: { id: true, name: true } } } } },
  });
  if (!recipient) return renderError(c, 404, 'errors.notFound');
  const [reports, wages] = await Promise.all([listRecipientBusinessReports(prisma, recipientId), listMinimumWages(prisma)]);
  const lookup = wageLookup(wages);
  const programs = [...new Set(reports.map((report) => report.programCode))].sort();
  return c.html(
    <Layout c={c} title={t('businessReports.recipientTitle', { name: recipient.fullName })}>
      <p><a href={`${BASE}/laporan-usaha`}>{t('businessReports.back')}</a> · <a href={`${BASE}/penerima/${recipient.id}`}>{t('businessReports.recipientPage')}</a></p>
      <dl class="facts">
        <dt>NIK</dt><dd class="nik">{maskNik(recipient.nik)}</dd>
        <dt>{t('businessReports.region')}</dt><dd>{`${recipient.village}, ${recipient.district}, ${recipient.regency}`}</dd>
        <dt>{t('businessReports.group')}</dt>
        <dd>{recipient.groups.length === 0 ? '—' : recipient.groups.map((g, i) => <>{i > 0 ? ', ' : ''}<a href={`${BASE}/laporan-usaha/kelompok/${g.group.id}`}>{g.group.name}</a></>)}</dd>
      </dl>
      {programs.length === 0 ? <p class="muted">{t('businessReports.noReports')}</p> : null}
      {programs.map((program) => (
        <ProgramReports c={c} program={program} regency={recipient.regency} wages={lookup} reports={reports.filter((report) => report.programCode === program)} />
      ))}
      <p class="muted">{t('businessReports.audited')}</p>
    </Layout>,
  );
}

function ProgramReports(props: { c: C; program: string; regency: string; wages: WageLookup; reports: StoredBusinessReport[] }) {
  const { c, program, regency, wages, reports } = props;
  const t = c.get('t');
  const lang = c.get('lang');
  const verdict = reportGraduation(reports.map((report) => ({ period: report.period, profit: report.profitAmount })), regency, wages);
  const byPeriod = new Map(reports.map((report) => [report.period as string, report]));
  const months = monthsBetween(reports[0]!.period, reports.at(-1)!.period);
  const umk = months.map((month) => {
    const sen = wages(regency, monthYear(figureMonth(month)));
    return sen === undefined ? null : Number(sen) / 100;
  });
  const chart = trendLineChart(
    {
      id: `tren-${program}`,
      title: t('businessReports.chartTitle', { program }),
      description: t('businessReports.chartDescription', { months: months.length, reports: reports.length }),
    },
    months.map((month) => ({ label: shortMonthLabel(month, lang), fullLabel: monthLabel(month, lang) })),
    [
      { key: 'sales', label: t('businessReports.sales'), values: months.map((month) => byPeriod.get(month)?.salesAmount ?? null), colour: '#2f6f9f' },
      { key: 'profit', label: t('businessReports.profit'), values: months.map((month) => byPeriod.get(month)?.profitAmount ?? null), colour: '#1e6b34' },
      { key: 'umk', label: 'UMK', values: umk, colour: '#a4262c', dashed: true },
    ],
    formatRupiah,
  );
  return (
    <section id={`program-${program}`}>
      <h2>{program}</h2>
      <p class={verdict.candidate ? 'notice candidate' : 'muted'}>
        {verdict.candidate
          ? t('businessReports.isCandidate', { months: verdict.streak.map((m) => monthLabel(m, lang)).join(', ') })
          : t('businessReports.notCandidate', { count: verdict.streak.length })}
        {verdict.missingWageYears.length > 0 ? ` ${t('businessReports.missingWage', { years: verdict.missingWageYears.join(', '), regency })}` : ''}
      </p>
      <figure class="card">{raw(chart)}</figure>
      <div class="table-wrap">
        <table class="reports">
          <thead>
            <tr>
              <th>{t('businessReports.month')}</th>
              <th>{t('businessReports.status')}</th>
              <th>{t('businessReports.sales')}</th>
              <th>{t('businessReports.profit')}</th>
              <th>UMK</th>
              <th>{t('businessReports.workers')}</th>
              <th>{t('businessReports.equipment')}</th>
              <th>{t('businessReports.problems')}</th>
              <th>{t('businessReports.photos')}</th>
              <th>{t('businessReports.sent')}</th>
            </tr>
          </thead>
          <tbody>
            {[...reports].reverse().map((report) => {
              const sen = wages(regency, monthYear(figureMonth(report.period)));
              return (
                <tr>
                  <td>{monthLabel(report.period, lang)}</td>
                  <td>
                    {t(`businessReports.statuses.${report.businessStatus}`, { defaultValue: report.businessStatus })}
                    {report.stopReason ? ` — ${t(`businessReports.stopReasons.${report.stopReason}`, { defaultValue: report.stopReason })}` : ''}
                    {report.stopNote ? <><br /><q>{report.stopNote}</q></> : null}
                  </td>
                  <td>{money(report.salesAmount)}</td>
                  <td>{money(report.profitAmount)}</td>
                  <td>{sen === undefined ? '—' : formatWageSen(sen)}</td>
                  <td>{report.familyWorkers === null && report.paidWorkers === null ? '—' : t('businessReports.workersValue', { family: report.familyWorkers ?? 0, paid: report.paidWorkers ?? 0 })}</td>
                  <td>{report.equipmentUse ? t(`businessReports.equipmentUses.${report.equipmentUse}`, { defaultValue: report.equipmentUse }) : '—'}</td>
                  <td>{report.problems ?? '—'}</td>
                  <td class="photos">
                    {report.photos.map((photo) => (
                      <a href={`${BASE}/laporan-usaha/foto/${report.id}/${photo.position}`}>
                        <img src={`${BASE}/laporan-usaha/foto/${report.id}/${photo.position}/kecil`} alt={t('businessReports.photoAlt', { position: photo.position, month: monthLabel(report.period, lang) })} width="96" loading="lazy" />
                      </a>
                    ))}
                  </td>
                  <td>{formatMoment(report.submittedAt, lang)}{report.late ? ` (${t('businessReports.late')})` : ''}<br /><span class="muted">{report.reference}</span></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
