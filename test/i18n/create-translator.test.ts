import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';

describe('createTranslator', () => {
  it('gives the same text for a key without values however often asked, in the language asked', () => {
    const t = createTranslator();
    const id = t('id', 'common.error');
    expect(id).toBe('Maaf, sistem kami sedang terganggu. Silakan coba lagi beberapa saat lagi.');
    expect(t('id', 'common.error')).toBe(id);
    // Looked up once per language: English is not served the Indonesian text kept from before.
    const en = t('en', 'common.error');
    expect(en).not.toBe(id);
    expect(t('en', 'common.error')).toBe(en);
    expect(t('id', 'common.error')).toBe(id);
  });

  it('still interpolates a key asked with values after the same key was asked without', () => {
    const t = createTranslator();
    const bare = t('id', 'nik.problem.tooShort');
    expect(t('id', 'nik.problem.tooShort', { count: 12 })).toBe('NIK ada 16 angka, yang terketik baru 12. Sepertinya ada angka yang terlewat.');
    expect(t('id', 'nik.problem.tooShort', { count: 15 })).toContain('terketik baru 15.');
    expect(t('id', 'nik.problem.tooShort')).toBe(bare);
  });
});
