/**
 * Lower-case words of a chat message with punctuation and emoji dropped, so "Cek NIK!!",
 * "cek  nik" and "1️⃣" compare the way a person means them. A leading "/" survives for
 * Telegram commands ("/start").
 *
 * @example normaliseText(' Cek NIK! ') // 'cek nik'
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s/]/gu, ' ')
    .replace(/(?!^)\//g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of `normaliseText(text)`. */
export function wordsOf(text: string): string[] {
  const normalised = normaliseText(text);
  return normalised === '' ? [] : normalised.split(' ');
}
