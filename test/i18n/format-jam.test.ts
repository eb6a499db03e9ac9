import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { formatJam } from '../../src/i18n/format-jam.js';

describe('formatJam', () => {
  it('says a local time the way people do, with the Indonesian zone name', () => {
    expect(formatJam('2026-11-28T08:05+07:00', 'id')).toBe('08.05 WIB');
    expect(formatJam('2026-11-28T09:05+08:00', 'en')).toBe('09:05 WITA');
    expect(formatJam('2026-11-28T10:05+09:00', 'id')).toBe('10.05 WIT');
    expect(formatJam('2026-11-28T01:05+00:00', 'en')).toBe('01:05 UTC+00:00');
    expect(formatJam('not a time', 'id')).toBe('not a time');
  });

  it('is used with tanggal for a local time in a translation', () => {
    const t = createTranslator();
    expect(t('id', 'verify.lockedUntil', { until: '2026-11-28T08:05+07:00' })).toBe('Bapak/Ibu bisa mencoba lagi mulai 28 November 2026 pukul 08.05 WIB.');
    expect(t('en', 'verify.lockedUntil', { until: '2026-11-28T08:05+07:00' })).toBe('You can try again from 28 November 2026 at 08:05 WIB.');
  });
});
