import type { IndonesianTimeZone } from '../regions/time-zone.js';

/** A calendar date without a time: what "today" is for someone in a given zone. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<IndonesianTimeZone, Intl.DateTimeFormat>();

function formatterFor(timeZone: IndonesianTimeZone): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar date of `instant` in `timeZone`. The server may run in UTC, but a baby born this
 * morning in Jayapura has today's date there, which can still be yesterday in UTC.
 */
export function dateInTimeZone(instant: Date, timeZone: IndonesianTimeZone): CalendarDate {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}
