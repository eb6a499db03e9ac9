import { describe, expect, it } from 'vitest';
import { maskName } from '../../../src/domain/names/mask-name.js';

describe('maskName', () => {
  it.each([
    ['Siti Aminah', 'S*** A*****'],
    ['SITI AMINAH', 'S*** A*****'],
    ['siti aminah', 'S*** A*****'],
    ['Budi', 'B***'],
    ['  Siti   Aminah  ', 'S*** A*****'],
    ['Muhammad Abd. Rahman', 'M******* A*** R*****'],
    ["Ma'ruf", 'M*****'],
    ['José', 'J***'],
    ['J', 'J'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });

  it('counts a decomposed accent as one letter', () => {
    expect(maskName('Jose\u0301')).toBe('J***');
  });

  it('keeps the number of words', () => {
    expect(maskName('Ni Luh Putu Ayu').split(' ')).toHaveLength(4);
  });
});
