import { describe, expect, it } from 'vitest';
import { matchChoice } from '../../../flows/kpm-assistant/match-choice.js';
import { normaliseText } from '../../../flows/kpm-assistant/normalise-text.js';
import { promptOptions } from '../../../flows/kpm-assistant/prompts.js';

const menu = promptOptions('menu', true);
const pick = (text: string) => matchChoice({ type: 'TEXT', text }, menu);

describe('matchChoice', () => {
  it.each([
    ['1', 'eligibility'], ['1️⃣', 'eligibility'], ['satu', 'eligibility'], ['pilih no 1', 'eligibility'], ['Cek NIK', 'eligibility'],
    ['cek', 'eligibility'], ['2', 'status'], ['Dua', 'status'], ['cek status', 'status'], ['kapan cair', 'status'],
    ['3', 'help'], ['tanya', 'help'], ['4', 'language'], ['5', 'logout'], ['lima', 'logout'], ['6', 'reportBusiness'], ['lapor usaha', 'reportBusiness'],
  ])('"%s" picks %s', (text, id) => {
    expect(pick(text)).toBe(id);
  });

  it.each(['7', '0', '12', 'xyz', '', 'status bahasa'])('"%s" picks nothing', (text) => {
    expect(pick(text)).toBeNull();
  });

  it('reads a CHOICE by id only when it belongs to the prompt', () => {
    expect(matchChoice({ type: 'CHOICE', choiceId: 'status' }, menu)).toBe('status');
    expect(matchChoice({ type: 'CHOICE', choiceId: 'retry' }, menu)).toBeNull();
    expect(matchChoice({ type: 'MENU' }, menu)).toBeNull();
  });

  it('numbers by position in the prompt shown', () => {
    expect(matchChoice({ type: 'TEXT', text: '2' }, promptOptions('rejected', false))).toBe('menu');
    expect(matchChoice({ type: 'TEXT', text: '5' }, promptOptions('menu', false))).toBeNull();
  });

  it('normalises case, punctuation and spacing but keeps a leading slash', () => {
    expect(normaliseText('  Cek   NIK!! ')).toBe('cek nik');
    expect(normaliseText('/Start@Bot')).toBe('/start bot');
    expect(normaliseText('a/b')).toBe('a b');
  });
});
