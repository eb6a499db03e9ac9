import { describe, expect, it } from 'vitest';
import { parseNik } from '../../../src/domain/nik/parse-nik.js';

/** Noon in Jakarta on 15 June 2025: far from any day boundary in every Indonesian zone. */
const TODAY = new Date('2025-06-15T05:00:00Z');

/** A Banten (Kab. Serang, kec. 01) NIK with the given DDMMYY and serial. */
const serang = (ddmmyy: string, serial = '0001'): string => `360401${ddmmyy}${serial}`;

function birthDateOf(nik: string, today: Date = TODAY): string | undefined {
  const result = parseNik(nik, today);
  return result.ok ? result.value.birthDate : undefined;
}

describe('parseNik: a valid NIK', () => {
  it('is split into its parts', () => {
    expect(parseNik('3604011203850007', TODAY)).toEqual({
      ok: true,
      value: {
        nik: '3604011203850007',
        provinceCode: '36',
        regencyCode: '3604',
        districtCode: '360401',
        birthDate: '1985-03-12',
        sex: 'male',
        serial: '0007',
        timeZone: 'Asia/Jakarta',
      },
    });
  });

  it('reads a day above 40 as a woman born on day − 40', () => {
    const result = parseNik(serang('520385'), TODAY);
    expect(result.ok && result.value.sex).toBe('female');
    expect(result.ok && result.value.birthDate).toBe('1985-03-12');
  });

  it('accepts the female day range edges 41 and 71', () => {
    expect(birthDateOf(serang('410190'))).toBe('1990-01-01');
    expect(birthDateOf(serang('710190'))).toBe('1990-01-31');
    expect(birthDateOf(serang('701190'))).toBe('1990-11-30');
    expect(birthDateOf(serang('711090'))).toBe('1990-10-31');
  });

  it('takes the time zone from the province', () => {
    const zoneOf = (nik: string): string | undefined => {
      const result = parseNik(nik, TODAY);
      return result.ok ? result.value.timeZone : undefined;
    };
    expect(zoneOf('3171011203850001')).toBe('Asia/Jakarta');
    expect(zoneOf('5171011203850001')).toBe('Asia/Makassar');
    expect(zoneOf('7571011203850001')).toBe('Asia/Makassar');
    expect(zoneOf('8171011203850001')).toBe('Asia/Jayapura');
    expect(zoneOf('9601011203850001')).toBe('Asia/Jayapura');
  });

  it('accepts serials 0001 and 9999', () => {
    expect(parseNik(serang('120385', '0001'), TODAY).ok).toBe(true);
    expect(parseNik(serang('120385', '9999'), TODAY).ok).toBe(true);
  });
});

describe('parseNik: tolerant input', () => {
  it.each([
    ['spaces between groups', '3604 0112 0385 0001'],
    ['leading and trailing blanks', '  3604011203850001 \n'],
    ['dots', '3604.0112.0385.0001'],
    ['dashes', '3604-0112-0385-0001'],
    ['mixed separators', '36.04.01 120385-0001'],
    ['a no-break space', '3604\u00a00112\u00a00385\u00a00001'],
    ['an en dash', '3604–0112–0385–0001'],
    ['full-width digits', '３６０４０１１２０３８５０００１'],
  ])('accepts %s', (_label, input) => {
    const result = parseNik(input, TODAY);
    expect(result.ok && result.value.nik).toBe('3604011203850001');
  });
});

describe('parseNik: problems', () => {
  it.each(['', '   ', ' - . '])('reports empty input %j', (input) => {
    expect(parseNik(input, TODAY)).toEqual({ ok: false, problem: 'empty' });
  });

  it.each([
    ['a letter O for a zero', '36O4011203850001'],
    ['a prefix', 'NIK 3604011203850001'],
    ['slashes', '3604/0112/0385/0001'],
    ['a comma', '3604,011203850001'],
    ['letters only', 'abc'],
    ['an emoji', '3604011203850001👍'],
  ])('reports non-digit for %s', (_label, input) => {
    expect(parseNik(input, TODAY)).toEqual({ ok: false, problem: 'non-digit' });
  });

  it.each([
    ['360401120385001', 15],
    ['36040112038500011', 17],
    ['3604 0112 0385 001', 15],
    ['12', 2],
  ])('reports the digit count of %s', (input, length) => {
    expect(parseNik(input, TODAY)).toEqual({ ok: false, problem: 'length', length });
  });

  it.each(['00', '10', '20', '37', '97', '99'])('reports unknown province %s', (code) => {
    expect(parseNik(`${code}04011203850001`, TODAY)).toEqual({ ok: false, problem: 'unknown-province', provinceCode: code });
  });

  it.each([
    ['day 00', '000185'],
    ['day 32', '320185'],
    ['day 40', '400185'],
    ['female day 72 (32)', '720185'],
    ['day 99', '990185'],
    ['month 00', '120085'],
    ['month 13', '121385'],
    ['30 February', '300285'],
    ['31 April', '310485'],
    ['31 September', '310985'],
    ['31 November', '311185'],
    ['31 June (female 71)', '710685'],
    ['29 February of a common year (1923/2023)', '290223'],
    ['29 February 2200/2100 (neither a leap year) seen from 2200', '290200'],
  ])('reports invalid-birth-date for %s', (_label, ddmmyy) => {
    const today = ddmmyy === '290200' ? new Date('2200-06-01T05:00:00Z') : TODAY;
    expect(parseNik(serang(ddmmyy), today)).toEqual({ ok: false, problem: 'invalid-birth-date' });
  });

  it('reports serial 0000', () => {
    expect(parseNik(serang('120385', '0000'), TODAY)).toEqual({ ok: false, problem: 'invalid-serial' });
  });

  it('reports the first problem in reading order', () => {
    expect(parseNik('9904000000000000', TODAY)).toMatchObject({ problem: 'unknown-province' });
    expect(parseNik(serang('000000', '0000'), TODAY)).toMatchObject({ problem: 'invalid-birth-date' });
    expect(parseNik('99x', TODAY)).toMatchObject({ problem: 'non-digit' });
  });
});

describe('parseNik: leap years', () => {
  it('accepts 29 February of a leap year', () => {
    expect(birthDateOf(serang('290224'))).toBe('2024-02-29');
    expect(birthDateOf(serang('690296'))).toBe('1996-02-29');
  });

  it('accepts 29 February 2000 (divisible by 400)', () => {
    expect(birthDateOf(serang('290200'))).toBe('2000-02-29');
  });

  it('falls back a century when this century’s 29 February does not exist (2100 → 2000)', () => {
    expect(birthDateOf(serang('290200'), new Date('2100-06-01T05:00:00Z'))).toBe('2000-02-29');
  });
});

describe('parseNik: two-digit year', () => {
  it.each([
    ['this year, earlier date', '010625', '2025-06-01'],
    ['today itself (a newborn)', '150625', '2025-06-15'],
    ['this year, later date → a century back', '160625', '1925-06-16'],
    ['last year', '311224', '2024-12-31'],
    ['year 00', '010100', '2000-01-01'],
    ['year 26 (future this century)', '010126', '1926-01-01'],
    ['year 99', '311299', '1999-12-31'],
  ])('resolves %s', (_label, ddmmyy, expected) => {
    expect(birthDateOf(serang(ddmmyy))).toBe(expected);
  });

  it('takes the century from today, not a constant', () => {
    const in2105 = new Date('2105-03-01T05:00:00Z');
    expect(birthDateOf(serang('010104'), in2105)).toBe('2104-01-01');
    expect(birthDateOf(serang('010199'), in2105)).toBe('2099-01-01');
    const in1999 = new Date('1999-12-31T05:00:00Z');
    expect(birthDateOf(serang('010185'), in1999)).toBe('1985-01-01');
    expect(birthDateOf(serang('010100'), in1999)).toBe('1900-01-01');
  });

  it('uses the current date when no today is given', () => {
    const lastYear = new Date().getFullYear() - 1;
    const nik = serang(`1506${String(lastYear % 100).padStart(2, '0')}`);
    expect(birthDateOf(nik, undefined)).toBe(`${lastYear}-06-15`);
  });

  it("judges 'today' in the holder's time zone, not the server's", () => {
    // 20:00 UTC on 30 June is already 1 July 03:00 in Banten (WIB).
    expect(birthDateOf(serang('010724'), new Date('2024-06-30T20:00:00Z'))).toBe('2024-07-01');
    // 16:00 UTC is 23:00 on 30 June in Banten: 1 July 2024 is still tomorrow there.
    expect(birthDateOf(serang('010724'), new Date('2024-06-30T16:00:00Z'))).toBe('1924-07-01');
    // 15:30 UTC is 1 July 00:30 in Jayapura (WIT) but 22:30 on 30 June in Banten.
    const instant = new Date('2024-06-30T15:30:00Z');
    expect(birthDateOf('9171010107240001', instant)).toBe('2024-07-01');
    expect(birthDateOf(serang('010724'), instant)).toBe('1924-07-01');
  });
});
