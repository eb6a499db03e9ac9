import { describe, expect, it } from 'vitest';
import { matchName } from '../../../src/domain/names/match-name.js';

describe('matchName accepts the registered name written differently', () => {
  it.each([
    ['exact', 'Siti Aminah', 'Siti Aminah'],
    ['case', 'siti aminah', 'SITI AMINAH'],
    ['extra spaces', '  Siti   Aminah ', 'Siti Aminah'],
    ['missing space', 'SitiAminah', 'Siti Aminah'],
    ['space added inside a word', 'Nur Hayati', 'Nurhayati'],
    ['space in another place', 'Sitia Minah', 'Siti Aminah'],
    ['dot', 'Abd Rahman', 'Abd. Rahman'],
    ['comma', 'Aminah S Pd', 'Aminah, S.Pd.'],
    ['apostrophe', 'Maruf Amin', "Ma'ruf Amin"],
    ['curly apostrophe', "Ma'ruf Amin", 'Ma’ruf Amin'],
    ['hyphen', 'Nur Aini', 'Nur-Aini'],
    ['diacritics', 'Jose Ramos', 'José Ramos'],
    ['one typo in a short name', 'Budy', 'Budi'],
    ['one missing letter', 'Siti Amina', 'Siti Aminah'],
    ['two typos in a longer name', 'Muhamad Yusup', 'Muhammad Yusuf'],
    ['a typo and a missing space', 'Sitiamina', 'Siti Aminah'],
    ['two typos and a missing space', 'Sitiamna', 'Siti Aminah'],
    ['a swapped pair of letters', 'Siit Aminah', 'Siti Aminah'],
    ['a title typed (Hj.)', 'Hj. Imas Contoh Masitoh', 'Imas Contoh Masitoh'],
    ['a title typed (H.)', 'H. Ujang Fiktif Saepudin', 'Ujang Fiktif Saepudin'],
    ['a word of address typed', 'Bpk Ujang Fiktif Saepudin', 'Ujang Fiktif Saepudin'],
    ['a word of address typed (Ibu)', 'Ibu Siti Aminah', 'Siti Aminah'],
    ['Sdr. typed', 'Sdr. Ahmad Hidayat', 'Ahmad Hidayat'],
    ['a degree typed', 'Siti Aminah, S.Pd', 'Siti Aminah'],
    ['a title and degree typed', 'Hj. Siti Aminah, S.Pd., M.Pd.', 'Siti Aminah'],
    ['a title on record left out', 'Aminah', 'Hj Aminah'],
    ['a title on record and a typo', 'Imas Contoh Masitoh', 'Hj. Imaz Contoh Masitoh'],
  ])('%s: %j vs %j', (_label, typed, registered) => {
    expect(matchName(typed, registered)).toBe(true);
  });
});

describe('matchName rejects', () => {
  it.each([
    ['a single first name for a longer name', 'Siti', 'Siti Aminah'],
    ['the last name alone', 'Aminah', 'Siti Aminah'],
    ['a missing initial', 'Ani', 'Ani S'],
    ['a missing trailing initial in a long name', 'Abdul Rahman', 'Abdul Rahman S'],
    ['an extra word', 'Siti Aminah S', 'Siti Aminah'],
    ['an extra long word', 'Siti Aminah Binti Ahmad', 'Siti Aminah'],
    ['a clearly different name', 'Dewi Lestari', 'Siti Aminah'],
    ['two typos in a short name', 'Bady', 'Budi'],
    ['three typos in a long name', 'Muhamad Yusupp', 'Muhammad Yusuf'],
    ['another one-letter name', 'B', 'A'],
    ['another two-letter name', 'Jo', 'Yo'],
    ['swapped word order', 'Aminah Siti', 'Siti Aminah'],
    ['a title in place of a missing name word', 'Hj. Imas Masitoh', 'Imas Contoh Masitoh'],
    ['a title alone', 'Hj.', 'Hj Aminah'],
  ])('%s: %j vs %j', (_label, typed, registered) => {
    expect(matchName(typed, registered)).toBe(false);
  });

  it.each([
    ['', 'Siti Aminah'],
    ['   ', 'Siti Aminah'],
    ['...', 'Siti Aminah'],
    ['Siti Aminah', ''],
    ['', ''],
  ])('empty input %j vs %j', (typed, registered) => {
    expect(matchName(typed, registered)).toBe(false);
  });
});

describe('matchName typo allowance depends on the registered name length', () => {
  it('allows one typo up to five letters', () => {
    expect(matchName('Yant', 'Yanti')).toBe(true);
    expect(matchName('Yan', 'Yanti')).toBe(false);
  });

  it('allows two typos from six letters', () => {
    expect(matchName('Suyat', 'Suyati')).toBe(true);
    expect(matchName('Suyxtx', 'Suyati')).toBe(true);
    expect(matchName('Sxyxtx', 'Suyati')).toBe(false);
  });
});
