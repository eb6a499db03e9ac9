import type { Context } from 'hono';
import type { RecurrenceSpec } from '../../../proactive/recurrence.js';
import type { DashboardEnv } from '../../dashboard-env.js';
import { formatLocalMoment, zoneAbbreviation } from '../../layout/local-moment.js';

type C = Context<DashboardEnv>;

/** A rule's schedule in words, its times in the rule's zone: "Setiap Selasa, Jumat pukul 09.00 WIB". */
export function describeRecurrence(c: C, spec: RecurrenceSpec, zone: string): string {
  const t = c.get('t');
  const lang = c.get('lang');
  const clock = (time: string) => `${lang === 'id' ? time.replace(':', '.') : time} ${zoneAbbreviation(zone)}`;
  switch (spec.kind) {
    case 'once':
      return t('reminders.describe.once', { when: formatLocalMoment(new Date(spec.at), zone, lang) });
    case 'daily':
      return t('reminders.describe.daily', { time: clock(spec.time) });
    case 'weekly':
      return t('reminders.describe.weekly', { days: spec.days.map((day) => t(`reminders.weekdays.${day}`)).join(', '), time: clock(spec.time) });
    case 'monthly':
      return t('reminders.describe.monthly', { day: spec.day, time: clock(spec.time) });
    case 'cron':
      return t('reminders.describe.cron', { expression: spec.expression, zone: zoneAbbreviation(zone) });
    case 'relative':
      return spec.anchor.type === 'stage'
        ? t('reminders.describe.afterStage', { days: spec.offsetDays, stage: `${spec.anchor.programCode}/${spec.anchor.stageCode}`, time: clock(spec.time) })
        : t('reminders.describe.beforeSession', { days: -spec.offsetDays, time: clock(spec.time) });
  }
}
