import { z } from 'zod';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const region = z.string().trim().min(1).max(100);

/** An override: a regency (as recipients name it) and its quiet hours, local wall clock. Equal times: none. */
export const setQuietHoursSchema = z.object({ region, start: time, end: time });
export const clearQuietHoursSchema = z.object({ region });

/** 'HH:MM' → minutes after midnight (the form's times are already checked). */
export function minutesOfClock(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** Minutes after midnight → 'HH:MM' (07.00 in Indonesian). */
export function clockOfMinutes(minutes: number, language: 'id' | 'en'): string {
  const text = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return language === 'id' ? text.replace(':', '.') : text;
}
