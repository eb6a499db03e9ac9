import type { NikProblem } from '../../../../src/domain/nik/parse-nik.js';
import type { FlowEvent } from '../../contract.js';
import { readNik } from '../../read-nik.js';

/** What is wrong with the NIK in a TEXT event (null for a valid NIK or another event). */
export function nikProblemOf(event: FlowEvent): NikProblem | null {
  if (event.type !== 'TEXT') return null;
  const reading = readNik(event.text);
  if (reading.ok) return null;
  const { ok: _ok, ...problem } = reading;
  return problem;
}
