import { normaliseText } from './normalise-text.js';

/** Polite words that are not a request: thanks, a yes, a no. */
export type SmallTalk = 'thanks' | 'yes' | 'no';

const PHRASES: ReadonlyArray<[SmallTalk, readonly string[]]> = [
  ['thanks', ['terima kasih', 'terimakasih', 'trima kasih', 'makasih', 'makasi', 'makasih banyak', 'terima kasih banyak', 'thanks', 'thank you', 'thx', 'tks', 'nuhun', 'hatur nuhun', 'matur nuwun', 'alhamdulillah']],
  ['yes', ['ok', 'oke', 'okay', 'okey', 'ok siap', 'siap', 'sip', 'baik', 'baiklah', 'ya', 'iya', 'iyaa', 'y', 'yes', 'yup', 'betul', 'benar']],
  ['no', ['tidak', 'tdk', 'nggak', 'ngga', 'gak', 'ga', 'enggak', 'engga', 'no', 'nope', 'belum', 'tidak usah', 'gak usah', 'ga jadi', 'nggak jadi', 'tidak jadi']],
];
const TRAILING = new Set(['kak', 'ka', 'min', 'admin', 'pak', 'bu', 'bapak', 'ibu', 'ya', 'yah', 'deh', 'dong', 'banyak', 'ok', 'sekali']);

/**
 * Whether a whole message is small talk, and which: "makasih ya kak" is thanks, "ok" is a
 * yes. Words of address at the end are forgiven.
 *
 * @example smallTalkOf('Terima kasih, Bu!') // 'thanks'
 */
export function smallTalkOf(text: string): SmallTalk | null {
  const words = normaliseText(text).split(' ');
  for (let end = words.length; end >= 1; end--) {
    const phrase = words.slice(0, end).join(' ');
    const rest = words.slice(end);
    if (!rest.every((word) => TRAILING.has(word))) continue;
    for (const [kind, phrases] of PHRASES) if (phrases.includes(phrase)) return kind;
  }
  return null;
}
