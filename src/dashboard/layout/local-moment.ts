import type { Language } from '../../../flows/kpm-assistant/contract.js';
import type { IndonesianTimeZone } from '../../domain/regions/time-zone.js';
import { localDateAndTime as localParts } from '../../domain/local-time.js';

const ABBREVIATIONS: Record<IndonesianTimeZone, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** WIB, WITA or WIT for an Indonesian zone (any other name is shown as it is). */
export function zoneAbbreviation(zone: string): string {
  return ABBREVIATIONS[zone as IndonesianTimeZone] ?? zone;
}

/** "2026-12-01 09.00 WITA": an instant as the wall clock of the zone it was planned in. */
export function formatLocalMoment(instant: Date, zone: string, language: Language): string {
  const known = zone in ABBREVIATIONS ? (zone as IndonesianTimeZone) : 'Asia/Jakarta';
  const { date, time } = localParts(instant, known);
  return `${date} ${language === 'id' ? time.replace(':', '.') : time} ${zoneAbbreviation(known)}`;
}
