import type { LoadReportSetupInput, LoadReportSetupOutput, PreviousFigures } from '../../../flows/progress-report/contract.js';
import { writeAudit } from '../../audit/write-audit.js';
import { timeZoneOfNik } from '../../domain/local-time.js';
import type { Prisma } from '../../storage/generated/client.js';
import { enrolledBusinessPrograms } from '../business-programs.js';
import { periodToDate, previousPeriod, reportablePeriods, type ReportPeriod } from '../report-period.js';

const MONTH_LABELS = {
  id: new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/**
 * What a verified KPM may report on now: their business programs, the month (and the previous
 * one while late reports are taken), which are already reported, and last month's figures for
 * the flow's "much higher than last month" check. Audited: it tells the KPM about their own
 * reports. Figures stay in the flow's context; nothing here is logged.
 */
export async function loadReportSetup(
  tx: Prisma.TransactionClient,
  input: LoadReportSetupInput,
  options: { now: Date; lateUntilDay: number },
): Promise<LoadReportSetupOutput> {
  const recipient = await tx.recipient.findUnique({ where: { id: input.recipientId }, select: { nik: true } });
  if (!recipient) return { programs: [], periods: [], previous: {} };
  const programs = await enrolledBusinessPrograms(tx, input.recipientId);
  const periods = reportablePeriods(options.now, timeZoneOfNik(recipient.nik), options.lateUntilDay);
  const wanted = [...new Set(periods.flatMap((period) => [period, previousPeriod(period)]))];
  const reports = programs.length === 0 ? [] : await tx.businessReport.findMany({
    where: { recipientId: input.recipientId, period: { in: wanted.map(periodToDate) }, programCode: { in: programs.map((p) => p.code) } },
    select: { programCode: true, period: true, salesAmount: true, profitAmount: true },
  });
  const find = (programCode: string, period: ReportPeriod) =>
    reports.find((report) => report.programCode === programCode && report.period.getTime() === periodToDate(period).getTime());
  const previous: Record<string, PreviousFigures> = {};
  for (const program of programs) {
    for (const period of periods) {
      const before = find(program.code, previousPeriod(period));
      if (before) {
        previous[`${program.code}:${period}`] = {
          programCode: program.code,
          salesAmount: before.salesAmount === null ? null : Number(before.salesAmount),
          profitAmount: before.profitAmount === null ? null : Number(before.profitAmount),
        };
      }
    }
  }
  if (programs.length > 0) {
    await writeAudit(tx, {
      action: 'disclose.business-report',
      channel: input.channel,
      chatId: input.chatId,
      recipientId: input.recipientId,
      details: { programs: programs.map((program) => program.code), periods },
    });
  }
  return {
    programs,
    periods: periods.map((period, index) => ({
      period,
      label: { id: MONTH_LABELS.id.format(periodToDate(period)), en: MONTH_LABELS.en.format(periodToDate(period)) },
      late: index > 0,
      reportedPrograms: programs.filter((program) => find(program.code, period)).map((program) => program.code),
    })),
    previous,
  };
}
