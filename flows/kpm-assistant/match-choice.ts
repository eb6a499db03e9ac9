import type { FlowEvent } from './contract.js';
import { wordsOf } from './normalise-text.js';

/** One numbered choice as the flow reads it back: its id and the words that also mean it. */
export interface ChoiceOption {
  id: string;
  /** A word that clearly names this choice ("status"). */
  words?: readonly string[];
  /** A word that leans towards this choice but yields to a clearer one ("cek" in "cek status"). */
  weakWords?: readonly string[];
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6,
};

/** Words people put around a number ("pilih no 2", "nomor 1 kak"). */
const FILLERS = new Set(['no', 'nomor', 'nomer', 'pilih', 'pilihan', 'angka', 'number', 'option', 'yang', 'mau', 'ya', 'kak', 'min', 'dong']);

/**
 * Which option a TEXT or CHOICE event picks, or null. A number picks by position (1-based);
 * otherwise the option whose words score highest, when no other option scores as high.
 *
 * @example matchChoice({ type: 'TEXT', text: 'dua' }, [{ id: 'a' }, { id: 'b' }]) // 'b'
 */
export function matchChoice(event: FlowEvent, options: readonly ChoiceOption[]): string | null {
  if (event.type === 'CHOICE') return options.some((o) => o.id === event.choiceId) ? event.choiceId : null;
  if (event.type !== 'TEXT') return null;
  const words = wordsOf(event.text);
  const position = positionOf(words.filter((word) => !FILLERS.has(word)));
  if (position !== null) return options[position - 1]?.id ?? null;
  return bestByWords(words, options);
}

function positionOf(words: string[]): number | null {
  if (words.length !== 1) return null;
  const word = words[0] ?? '';
  if (/^\d{1,2}$/.test(word)) return Number(word);
  return NUMBER_WORDS[word] ?? null;
}

function bestByWords(words: string[], options: readonly ChoiceOption[]): string | null {
  const scored = options
    .map((option) => ({
      id: option.id,
      score: words.reduce(
        (sum, word) => sum + (option.words?.includes(word) ? 2 : option.weakWords?.includes(word) ? 1 : 0),
        0,
      ),
    }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  if (!first || (second && second.score === first.score)) return null;
  return first.id;
}
