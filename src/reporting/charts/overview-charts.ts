import type { Language } from '../../../flows/kpm-assistant/contract.js';
import type { Translate } from '../../i18n/create-translator.js';
import { formatTanggal } from '../../i18n/format-tanggal.js';
import type { DayCount } from '../overview/inbound-per-day.js';
import type { ProgramFunnel } from '../overview/program-funnel.js';
import { formatCount } from './chart-frame.js';
import { dailyBarChart } from './daily-bar-chart.js';
import { horizontalBarChart } from './horizontal-bar-chart.js';

/** One program's funnel: a bar per stage, the KPM who reached it or went beyond. */
export function funnelChart(funnel: ProgramFunnel, t: Translate, language: Language): string {
  const program = funnel.name[language];
  return horizontalBarChart(
    {
      id: `funnel-${funnel.programCode}`,
      title: t(language, 'reports:overview.funnel.title', { program }),
      description: t(language, 'reports:overview.funnel.description', { program, recipients: formatCount(funnel.recipients) }),
    },
    funnel.stages.map((stage) => ({ label: stage.label[language], value: stage.reached })),
  );
}

/** Inbound messages per day: "27/11" under every 7th bar, the whole date in each bar's title. */
export function inboundChart(days: readonly DayCount[], t: Translate, language: Language): string {
  const total = days.reduce((sum, day) => sum + day.messages, 0);
  return dailyBarChart(
    {
      id: 'inbound-per-day',
      title: t(language, 'reports:overview.inbound.title', { days: days.length }),
      description: t(language, 'reports:overview.inbound.description', { days: days.length, messages: formatCount(total) }),
    },
    days.map((day) => ({
      label: `${Number(day.date.slice(8, 10))}/${Number(day.date.slice(5, 7))}`,
      fullLabel: formatTanggal(day.date, language),
      value: day.messages,
    })),
  );
}
