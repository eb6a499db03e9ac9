import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../src/domain/names/normalize-name.js';

describe('normalizeName', () => {
  it.each([
    ['SITI AMINAH', 'siti aminah'],
    ['  Siti    Aminah  ', 'siti aminah'],
    ['Abd. Rahman', 'abd rahman'],
    ['Abd.Rahman', 'abd rahman'],
    ['Nur-Aini', 'nur aini'],
    ['Aminah, S.Pd.', 'aminah s pd'],
    ["Ma'ruf", 'maruf'],
    ['Ma’ruf', 'maruf'],
    ['José Ramos-Horta', 'jose ramos horta'],
    ['Sitì Ämïnah', 'siti aminah'],
    ['Siti\tAminah\n', 'siti aminah'],
    ['...', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});
