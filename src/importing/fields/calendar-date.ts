import { DEFAULT_TIME_ZONE, localIsoDate } from '../../domain/local-time.js';
import { accept, refuse, type FieldResult } from './field.js';

/** Today's date (YYYY-MM-DD) in WIB: the provincial office works in Banten time. */
export function todayInJakarta(now: Date): string {
  return localIsoDate(now, DEFAULT_TIME_ZONE);
}

/** A YYYY-MM-DD cell that is a real calendar date and not after today (WIB). Stored as UTC midnight. */
export function pastCalendarDate(now: Date) {
  const today = todayInJakarta(now);
  return (raw: string): FieldResult<Date> => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    if (!match) return refuse({ code: 'date-format' });
    const date = new Date(`${raw}T00:00:00Z`);
    // Date rolls 2021-02-30 over to March; a real date survives the round trip.
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) return refuse({ code: 'date-invalid' });
    if (raw > today) return refuse({ code: 'date-future' });
    return accept(date);
  };
}
