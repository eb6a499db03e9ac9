import { parseNik, type NikProblem } from '../../src/domain/nik/parse-nik.js';

export type NikReading = { ok: true; nik: string } | ({ ok: false } & NikProblem);

/** "NIK: 3604...", "no nik 3604...": the label people type before the number. */
const LABEL = /^\s*(?:(?:no|nomor|nomer)\.?\s*)?nik\s*[:=]?\s*/i;

/**
 * A NIK as typed in a chat: the label in front is forgiven, then `parseNik` decides.
 *
 * @example readNik('NIK: 3604 0112 ...') // { ok: true, nik: '36040112...' }
 */
export function readNik(text: string, today: Date = new Date()): NikReading {
  const result = parseNik(text.replace(LABEL, ''), today);
  if (result.ok) return { ok: true, nik: result.value.nik };
  return result;
}
