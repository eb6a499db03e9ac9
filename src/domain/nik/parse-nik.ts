import { findProvince } from '../regions/provinces.js';
import type { IndonesianTimeZone } from '../regions/time-zone.js';
import { decodeBirthDate } from './decode-birth-date.js';
import { stripNikSeparators } from './strip-nik-separators.js';

/** Why a typed NIK was refused: a code the flow turns into a localized hint. */
export type NikProblem =
  | { problem: 'empty' }
  /** letters or other characters inside */
  | { problem: 'non-digit' }
  /** digit count ≠ 16 */
  | { problem: 'length'; length: number }
  | { problem: 'unknown-province'; provinceCode: string }
  /** impossible day/month (women: day + 40); a future date cannot occur, see decodeBirthDate */
  | { problem: 'invalid-birth-date' }
  /** 0000 */
  | { problem: 'invalid-serial' };

/** The facts a NIK itself states. Plausible, not proven: there is no check digit. */
export interface ParsedNik {
  /** 16 digits, separators removed */
  nik: string;
  provinceCode: string;
  /** 4 digits, e.g. 3604 */
  regencyCode: string;
  /** 6 digits */
  districtCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'female' | 'male';
  serial: string;
  timeZone: IndonesianTimeZone;
}

export type ParseNikResult = { ok: true; value: ParsedNik } | ({ ok: false } & NikProblem);

const NIK_LENGTH = 16;

/**
 * Reads a NIK as a person typed it. Checks run in reading order (characters, length, province,
 * birth date, serial) so the reported problem is the first thing to fix. `today` is injectable
 * so the two-digit year is testable.
 */
export function parseNik(input: string, today: Date = new Date()): ParseNikResult {
  const nik = stripNikSeparators(input);
  if (nik === '') return { ok: false, problem: 'empty' };
  if (!/^[0-9]+$/.test(nik)) return { ok: false, problem: 'non-digit' };
  if (nik.length !== NIK_LENGTH) return { ok: false, problem: 'length', length: nik.length };

  const provinceCode = nik.slice(0, 2);
  const province = findProvince(provinceCode);
  if (!province) return { ok: false, problem: 'unknown-province', provinceCode };

  const birth = decodeBirthDate(nik.slice(6, 12), today, province.timeZone);
  if (!birth) return { ok: false, problem: 'invalid-birth-date' };

  const serial = nik.slice(12, 16);
  if (serial === '0000') return { ok: false, problem: 'invalid-serial' };

  return {
    ok: true,
    value: {
      nik,
      provinceCode,
      regencyCode: nik.slice(0, 4),
      districtCode: nik.slice(0, 6),
      birthDate: birth.birthDate,
      sex: birth.sex,
      serial,
      timeZone: province.timeZone,
    },
  };
}
