import { distance } from 'fastest-levenshtein';
import { normalizeName } from './normalize-name.js';
import { stripTitles } from './strip-titles.js';

/**
 * Typos forgiven, by the registered name's letter count: none for 1–2 letters (one change makes
 * another name), one up to 5 letters, two beyond.
 */
function allowedTypos(letters: number): number {
  if (letters <= 2) return 0;
  return letters <= 5 ? 1 : 2;
}

/**
 * True when the cheapest way from `other` to the words is simply to drop one whole word, as in
 * "Ani" against "Ani S" or "Aminah" against "Hj Aminah": a missing word is not a typo.
 */
function dropsWholeWord(other: string, words: string[], typos: number): boolean {
  if (words.length < 2) return false;
  return words.some((word, index) => {
    const rest = words.filter((_, i) => i !== index).join('');
    return distance(other, rest) + word.length <= typos;
  });
}

/**
 * Whether a name typed in chat is the name on record, as the second fact before disclosure.
 * Forgiving about how it is written (case, spacing, punctuation, diacritics, a typo or two) but
 * not about what it says: a missing or extra word, or a different name, fails. Names are compared
 * with spaces removed, which covers "SitiAminah" and also every spaced comparison (removing
 * spaces never increases the edit distance). Titles and degrees ("Hj.", "Bpk", ", S.Pd") may be
 * typed or left out on either side (see `stripTitles`).
 */
export function matchName(typed: string, registered: string): boolean {
  return matchWritten(typed, registered) || matchWritten(stripTitles(typed), stripTitles(registered));
}

function matchWritten(typed: string, registered: string): boolean {
  const typedWords = normalizeName(typed).split(' ').filter(Boolean);
  const registeredWords = normalizeName(registered).split(' ').filter(Boolean);
  if (typedWords.length === 0 || registeredWords.length === 0) return false;

  const typedLetters = typedWords.join('');
  const registeredLetters = registeredWords.join('');
  const typos = distance(typedLetters, registeredLetters);
  if (typos === 0) return true;
  if (typos > allowedTypos(registeredLetters.length)) return false;
  return !dropsWholeWord(typedLetters, registeredWords, typos) && !dropsWholeWord(registeredLetters, typedWords, typos);
}
