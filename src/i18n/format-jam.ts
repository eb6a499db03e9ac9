import type { Language } from '../../flows/kpm-assistant/contract.js';

/** Indonesia's zones by their UTC offset, as people name them. */
const ZONE_NAMES: Record<string, string> = { '+07:00': 'WIB', '+08:00': 'WITA', '+09:00': 'WIT' };
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})([+-]\d{2}:\d{2})$/;

/**
 * The clock time of a local time ("2026-11-27T14:30+07:00") the way people say it, with its
 * zone: "14.30 WIB" in Indonesian, "14:30 WIB" in English. Anything else is returned unchanged.
 */
export function formatJam(localTime: string, language: Language): string {
  const match = LOCAL_TIME.exec(localTime);
  if (!match) return localTime;
  const [, hour, minute, offset = ''] = match;
  const zone = ZONE_NAMES[offset] ?? `UTC${offset}`;
  return `${hour}${language === 'id' ? '.' : ':'}${minute} ${zone}`;
}
