/**
 * Keeps NIKs and phone numbers out of application logs (UU PDP; DOMAIN.md "keep no NIK or phone
 * in application logs"). Works on digit runs: digit groups joined by up to three separators
 * (spaces, dots, dashes, brackets), so "3604 0112 3456 0001" and "+62 (812) 3456-7890" count as
 * one run. A run is split into NIK and phone spans; everything else in it is left alone.
 */

const NIK_LABEL = '[NIK]';
const PHONE_LABEL = '[TELEPON]';

const SEPARATORS = '[ \\u00A0.\\-\\u2010-\\u2015()]{1,3}';
const DIGIT_RUN = new RegExp(`\\+?[0-9]+(?:${SEPARATORS}[0-9]+)*`, 'g');
const DIGIT_GROUP = /\+?[0-9]+/g;

/** Indonesian mobile: 08…, 628…, +628…; 8 to 12 digits from the 8 on (9–13 with the 0). */
const PHONE = /^(?:\+?62|0)8[0-9]{7,11}$/;
/** 16 digits, or one off: a NIK typed with a digit missing or doubled is still someone's NIK. */
const NIK_DIGIT_COUNTS = [16, 15, 17];
/** A bare digit string this long may hide a NIK glued to another number. */
const LONG_RUN = 18;
/** Long hex tokens are hashes and message ids (hashNik output among them), not personal data. */
const HEX_TOKEN = /^(?=.*[a-f])[0-9a-f]{20,}$/i;
/** UUIDs are record ids; their digit groups must not be read as a NIK ("a456-426614174000"). */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

interface Group {
  start: number;
  end: number;
  text: string;
  digits: number;
}

function groupsOf(run: string): Group[] {
  return Array.from(run.matchAll(DIGIT_GROUP), (match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
    digits: match[0].replace('+', '').length,
  }));
}

/** The [0-9A-Za-z] token around a position, to tell an identifier from a number in prose. */
function tokenAround(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from > 0 && /[0-9A-Za-z]/.test(text[from - 1] ?? '')) from -= 1;
  while (to < text.length && /[0-9A-Za-z]/.test(text[to] ?? '')) to += 1;
  return text.slice(from, to);
}

function isPhone(groups: Group[], i: number, j: number): boolean {
  return PHONE.test(groups.slice(i, j + 1).map((group) => group.text).join(''));
}

/** The span of groups starting at i to replace, if any: the longest phone first, then a NIK-sized span. */
function spanAt(groups: Group[], i: number): { end: number; label: string } | undefined {
  for (let j = groups.length - 1; j >= i; j -= 1) {
    if (isPhone(groups, i, j)) return { end: j, label: PHONE_LABEL };
  }
  for (const count of NIK_DIGIT_COUNTS) {
    let digits = 0;
    for (let j = i; j < groups.length && digits < count; j += 1) {
      digits += groups[j]?.digits ?? 0;
      if (digits === count) return { end: j, label: NIK_LABEL };
    }
  }
  if ((groups[i]?.digits ?? 0) >= LONG_RUN) return { end: i, label: NIK_LABEL };
  return undefined;
}

function redactRun(text: string, runStart: number, run: string): string {
  const groups = groupsOf(run);
  if (groups.length === 1 && HEX_TOKEN.test(tokenAround(text, runStart, runStart + run.length))) return run;

  let result = '';
  let copied = 0;
  for (let i = 0; i < groups.length; ) {
    const span = spanAt(groups, i);
    const first = groups[i];
    const last = span ? groups[span.end] : undefined;
    if (!span || !first || !last) {
      i += 1;
      continue;
    }
    result += run.slice(copied, first.start) + span.label;
    copied = last.end;
    i = span.end + 1;
  }
  return result + run.slice(copied);
}

function redactDigitRuns(text: string): string {
  return text.replace(DIGIT_RUN, (run: string, offset: number) => redactRun(text, offset, run));
}

/** `text` with every NIK-like number replaced by [NIK] and every Indonesian mobile number by [TELEPON]. */
export function redactPersonalData(text: string): string {
  let result = '';
  let copied = 0;
  for (const uuid of text.matchAll(UUID)) {
    result += redactDigitRuns(text.slice(copied, uuid.index)) + uuid[0];
    copied = uuid.index + uuid[0].length;
  }
  return result + redactDigitRuns(text.slice(copied));
}
