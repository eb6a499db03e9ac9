import { parseNik, type NikProblem } from '../../src/domain/nik/parse-nik.js';

export type NikReading = { ok: true; nik: string } | ({ ok: false } & NikProblem);

/**
 * The label people type before the number: "NIK: 3604...", "no nik 3604...", "NIK saya
 * 3604...", "ini NIK ibu saya 3604...".
 */
const LABEL =
  /^\s*(?:(?:ini|itu)\s+)?(?:(?:no|nomor|nomer)\.?\s*)?(?:nik|ktp)\b(?:\s+(?:saya|sy|aku|ku|ibu|bapak|suami|istri|anak|kami)){0,2}\s*(?:adalah|yaitu|ialah|nya)?\s*[:=]?\s*/i;
/** Polite words after the number ("... kak", "... ya"). */
const TRAILER = /\s+(?:kak|ka|min|pak|bu|ya|yah|dong)\s*[.!]*\s*$/i;

/**
 * A NIK as typed in a chat: the label in front is forgiven, then `parseNik` decides.
 *
 * @example readNik('NIK: 3604 0112 ...') // { ok: true, nik: '36040112...' }
 */
export function readNik(text: string, today: Date = new Date()): NikReading {
  const result = parseNik(text.replace(LABEL, '').replace(TRAILER, ''), today);
  if (result.ok) return { ok: true, nik: result.value.nik };
  return result;
}
