import {
  APPROXIMATE_UNITS, APPROXIMATE_WORDS, BOUND_WORDS, DIGIT_WORDS, GROUP_WORDS, LOSS_WORDS, ONE_UNIT, RANGE_WORDS, SE_WORDS, UNITS,
  ZERO_PHRASES,
} from './money-words.js';
import { add, isWhole, isZero, rational, times, ZERO, type Rational } from './rational.js';
import { readNumberLiteral } from './read-number-literal.js';

/** Why an answer cannot be taken as one exact figure; the flow asks back, naming the candidates. */
export type MoneyAskReason =
  /** No figure in it ("banyak", "lumayan"). */
  | 'no-number'
  /** Marks that read two ways ("1,500": 1.500 or 1,5). */
  | 'ambiguous-separator'
  /** A decimal with no unit ("1,5": juta?). */
  | 'decimal-without-unit'
  /** A small bare number (below 1.000) that people use for thousands ("500": Rp500 or Rp500.000?). */
  | 'small-without-unit'
  /** A bare number after a unit ("2 juta 250", "2jt500"). */
  | 'unit-missing-after'
  | 'range'
  | 'bound'
  /** Two figures not joined as one amount ("2 juta untung 500 ribu"). */
  | 'several-numbers'
  /** Not whole rupiah ("1,23456789 juta"). */
  | 'fraction'
  | 'too-large'
  /** Digits and marks that make no number ("1.50.000"), or units out of order ("500 ribu 2 juta"). */
  | 'malformed';

export type MoneyReading =
  | { kind: 'amount'; amount: number }
  /** `candidates`: the figures it may mean, most likely first (may be empty). */
  | { kind: 'ask'; reason: MoneyAskReason; candidates: number[] };

/** The largest figure taken: a trillion rupiah is no village business's month. */
const MAX_AMOUNT = 1_000_000_000_000n;

type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'word'; text: string }
  | { kind: 'dash' }
  | { kind: 'slash' };

/**
 * Reads a rupiah figure as people type it in a chat, exactly, or says why it must be asked back.
 * Never guesses: "1.500.000", "1,5 juta", "1,5jt", "Rp 750rb", "750 ribu", "2 juta 250 ribu",
 * "sejuta", "setengah juta", "satu setengah juta", "0", "belum ada" read; "1,500", "500",
 * "2 juta 250", "2-3 juta" ask. "Rugi 200 ribu" is -200.000 (the caller decides whether a loss
 * may be given).
 *
 * @example parseMoney('Rp 750rb') // { kind: 'amount', amount: 750000 }
 * @example parseMoney('1,500') // { kind: 'ask', reason: 'ambiguous-separator', candidates: [1500, 1500000] }
 */
export function parseMoney(input: string): MoneyReading {
  const text = input.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const plain = text.replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (ZERO_PHRASES.has(plain) || /^[-–—]$/.test(text) || /^0+([.,]0+)?$/.test(text)) return { kind: 'amount', amount: 0 };

  const tokens = tokenize(text);
  let negative = false;
  const parts: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'word' && LOSS_WORDS.has(token.text)) {
      negative = true;
      continue;
    }
    if (token.kind === 'dash' && !hasNumber(parts.flat())) {
      negative = true;
      continue;
    }
    if (token.kind === 'dash' || (token.kind === 'word' && RANGE_WORDS.has(token.text))) {
      if (hasNumber(parts.flat())) return ask('range', []);
      continue;
    }
    if (token.kind === 'word' && BOUND_WORDS.has(token.text) && !isKurangLebih(tokens, token)) return ask('bound', []);
    if (isNumberToken(token)) parts[parts.length - 1]!.push(token);
    else if (token.kind === 'word' && !APPROXIMATE_WORDS.has(token.text) && parts[parts.length - 1]!.length > 0) parts.push([]);
  }
  const groups = parts.filter((part) => part.length > 0);
  if (groups.length === 0) return ask('no-number', []);
  if (groups.length > 1) return ask('several-numbers', []);

  const readings = readAll(groups[0]!);
  if (readings === 'malformed') return ask('malformed', []);
  const sign = negative ? -1 : 1;
  const figures = dedupe(readings.map((reading) => reading.value));
  if (figures.length > 1) {
    // A reading that is no whole rupiah ("1,500" as 1,5) is offered as juta, the way people mean it.
    const offered = figures.map((value) => (isWhole(value) ? value : times(value, 1_000_000n))).filter(isWhole);
    return ask('ambiguous-separator', offered.map((value) => sign * toNumber(value)));
  }
  const { value, trailing, hasUnit } = readings[0]!;
  if (trailing) return ask('unit-missing-after', trailing.filter(isWhole).map((candidate) => sign * toNumber(candidate)));
  if (!hasUnit && !isWhole(value)) return ask('decimal-without-unit', [sign * toNumber(times(value, 1_000_000n))].filter(Number.isInteger));
  if (!isWhole(value)) return ask('fraction', []);
  if (value.n > MAX_AMOUNT) return ask('too-large', []);
  if (!hasUnit && !isZero(value) && value.n < 1_000n) {
    return ask('small-without-unit', [sign * toNumber(times(value, 1_000n)), sign * toNumber(value)]);
  }
  const amount = toNumber(value);
  return { kind: 'amount', amount: amount === 0 ? 0 : sign * amount };
}

function ask(reason: MoneyAskReason, candidates: number[]): MoneyReading {
  return { kind: 'ask', reason, candidates: [...new Set(candidates)] };
}

function toNumber(value: Rational): number {
  return Number(value.n / value.d);
}

function dedupe(values: Rational[]): Rational[] {
  const seen = new Map<string, Rational>();
  for (const value of values) seen.set(`${value.n}/${value.d}`, value);
  return [...seen.values()];
}

/** "kurang lebih" means "about", not a bound. */
function isKurangLebih(tokens: Token[], token: Token & { kind: 'word' }): boolean {
  const index = tokens.indexOf(token);
  const prev = tokens[index - 1];
  const next = tokens[index + 1];
  return (token.text === 'kurang' && next?.kind === 'word' && next.text === 'lebih')
    || (token.text === 'lebih' && prev?.kind === 'word' && prev.text === 'kurang');
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Currency marks and a trailing ",-" carry no value.
  const cleaned = text.replace(/(\p{L})[-–](\p{L})/gu, '$1$2').replace(/\b(rp|idr)\.?\s?/g, ' ').replace(/[,.]-/g, ' ').replace(/\brupiah\b/g, ' ');
  const pattern = /(\d+(?:[.,]\d+)*)|(\p{L}+)|([-–—])|(\/)/gu;
  for (const match of cleaned.matchAll(pattern)) {
    if (match[1] !== undefined) tokens.push({ kind: 'literal', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'word', text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'dash' });
    else tokens.push({ kind: 'slash' });
  }
  return tokens;
}

function isNumberToken(token: Token): boolean {
  if (token.kind === 'literal') return true;
  if (token.kind !== 'word') return false;
  const word = token.text;
  return word in UNITS || word in ONE_UNIT || word in DIGIT_WORDS || word in GROUP_WORDS || word in SE_WORDS
    || word === 'belas' || word === 'setengah' || word === 'seperempat' || word === 'an';
}

function hasNumber(tokens: Token[]): boolean {
  return tokens.some((token) => token.kind === 'literal' || (token.kind === 'word' && isNumberToken(token)));
}

interface Reading {
  value: Rational;
  hasUnit: boolean;
  /** Set when a bare number follows the last unit: what it may mean. */
  trailing: Rational[] | null;
}

/** Every reading of one run of number tokens (several when a literal's marks read two ways). */
function readAll(tokens: Token[]): Reading[] | 'malformed' {
  const choices: Rational[][] = tokens.map((token, index) => {
    if (token.kind !== 'literal') return [];
    const next = tokens[index + 1];
    const unitFollows = next?.kind === 'word' && next.text in UNITS;
    return readNumberLiteral(token.text, unitFollows);
  });
  if (choices.some((options, index) => tokens[index]!.kind === 'literal' && options.length === 0)) return 'malformed';
  const readings: Reading[] = [];
  const combine = (index: number, picked: Rational[]) => {
    if (index === tokens.length) {
      const reading = readOne(tokens, picked);
      if (reading) readings.push(reading);
      return;
    }
    const options = choices[index]!;
    if (options.length === 0) return combine(index + 1, [...picked, ZERO]);
    for (const option of options) combine(index + 1, [...picked, option]);
  };
  combine(0, []);
  return readings.length > 0 ? readings : 'malformed';
}

/** Reads tokens with each literal's value fixed; null when they do not make one number. */
function readOne(tokens: Token[], literals: Rational[]): Reading | null {
  let total = ZERO;
  let group = ZERO;
  let last: Rational | null = null;
  let lastUnit: bigint | null = null;
  for (const [index, token] of tokens.entries()) {
    const word = token.kind === 'word' ? token.text : '';
    if (token.kind === 'literal' || word in DIGIT_WORDS) {
      if (last !== null) return null;
      last = token.kind === 'literal' ? literals[index]! : rational(BigInt(DIGIT_WORDS[word]!));
    } else if (word === 'belas' || word in GROUP_WORDS) {
      if (last === null || !isWhole(last) || last.n > 9n) return null;
      group = add(group, word === 'belas' ? add(last, rational(10n)) : times(last, GROUP_WORDS[word]!));
      last = null;
    } else if (word in SE_WORDS) {
      if (last !== null) return null;
      group = add(group, rational(SE_WORDS[word]!));
    } else if (word === 'setengah' || word === 'seperempat') {
      const part = rational(1n, word === 'setengah' ? 2n : 4n);
      last = last === null ? part : add(last, part);
    } else if (word in UNITS || word in ONE_UNIT) {
      const unit = UNITS[word] ?? ONE_UNIT[word]!;
      const amount = word in ONE_UNIT ? (last === null && isZero(group) ? rational(1n) : null) : add(group, last ?? ZERO);
      if (amount === null || (isZero(amount) && last === null)) return null;
      if (lastUnit !== null && unit >= lastUnit) return null;
      total = add(total, times(amount, unit));
      group = ZERO;
      last = null;
      lastUnit = unit;
    } else if (word === 'an' || APPROXIMATE_UNITS.has(word)) {
      // "2 juta-an": about; nothing to add.
    } else {
      return null;
    }
  }
  const rest = add(group, last ?? ZERO);
  if (lastUnit === null) return { value: rest, hasUnit: false, trailing: null };
  if (isZero(rest)) return { value: total, hasUnit: true, trailing: null };
  // "2 juta 250": 2.250.000 (the next unit down) or 2.000.250 (rupiah)?
  const nextDown = lastUnit / 1_000n;
  const candidates = nextDown >= 1n ? [add(total, times(rest, nextDown)), add(total, rest)] : [add(total, rest)];
  return { value: total, hasUnit: true, trailing: candidates };
}
