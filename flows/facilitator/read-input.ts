/** Readers for what a facilitator types: numbered choices, lists of numbers, dates and times. */

/** The number a choice starts with: "2", "2. Kirim pengumuman" (a keyboard label), "2)". */
export function readChoice(text: string): number | null {
  const match = /^\s*(\d{1,2})(?:[.)\s]|$)/.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * Several numbers between 1 and `max`: "1,3, 4", "1 3 4", "2-5"; "semua"/"all" means all.
 * Null when anything else is in the text or a number is out of range.
 */
export function readNumbers(text: string, max: number): number[] | null {
  const cleaned = text.trim().toLowerCase();
  if (cleaned === 'semua' || cleaned === 'all') return Array.from({ length: max }, (_, i) => i + 1);
  if (!/^[\d\s,;-]+$/.test(cleaned)) return null;
  const picked = new Set<number>();
  for (const part of cleaned.split(/[\s,;]+/).filter(Boolean)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : [Number(part), Number(part)];
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > max || from > to) return null;
    for (let n = from; n <= to; n += 1) picked.add(n);
  }
  return picked.size > 0 ? [...picked].sort((a, b) => a - b) : null;
}

const MONTHS: Record<string, number> = {
  jan: 1, januari: 1, january: 1, feb: 2, februari: 2, february: 2, mar: 3, maret: 3, march: 3, apr: 4, april: 4,
  mei: 5, may: 5, jun: 6, juni: 6, june: 6, jul: 7, juli: 7, july: 7, agu: 8, agt: 8, agustus: 8, aug: 8, august: 8,
  sep: 9, september: 9, okt: 10, oktober: 10, oct: 10, october: 10, nov: 11, november: 11, des: 12, desember: 12, dec: 12, december: 12,
};

/**
 * A date and time as people type them: "5-12-2026 14.30", "05/12/2026 14:30", "5 Desember 2026
 * jam 14.30". Returns "YYYY-MM-DDTHH:MM" (wall clock, the group's zone) or null.
 */
export function readDateTime(text: string): string | null {
  const cleaned = text.trim().toLowerCase().replace(/\s+(jam|pukul|pkl|at)\s+/, ' ').replace(/\s+(wib|wita|wit)$/, '');
  const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s+(\d{1,2})[.:](\d{2})$/.exec(cleaned);
  const named = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})\s+(\d{1,2})[.:](\d{2})$/.exec(cleaned);
  let parts: [number, number, number, number, number] | null = null;
  if (numeric) parts = [Number(numeric[3]), Number(numeric[2]), Number(numeric[1]), Number(numeric[4]), Number(numeric[5])];
  else if (named && MONTHS[named[2]!]) parts = [Number(named[3]), MONTHS[named[2]!]!, Number(named[1]), Number(named[4]), Number(named[5])];
  if (!parts) return null;
  const [year, month, day, hour, minute] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
}
