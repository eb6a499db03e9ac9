import type { NikProblem } from '../domain/nik/parse-nik.js';

/**
 * Why a row was refused. Structured, so the CLI can word it for the operator and tests can
 * check it; it names columns and program/stage codes, never a NIK, name or phone number.
 */
export type RejectionReason =
  | { code: 'column-count'; expected: number; found: number }
  | { code: 'required'; column: string }
  | { code: 'too-long'; column: string; max: number }
  | { code: 'excel-number'; column: string }
  | { code: 'nik'; column: string; problem: NikProblem['problem']; length?: number }
  | { code: 'kk' }
  | { code: 'phone' }
  | { code: 'contact-phone' }
  | { code: 'date-format' }
  | { code: 'date-invalid' }
  | { code: 'date-future' }
  | { code: 'amount' }
  | { code: 'code-format'; column: string }
  | { code: 'position' }
  | { code: 'duplicate'; firstLine: number }
  | { code: 'duplicate-position'; firstLine: number }
  | { code: 'program-name-mismatch'; firstLine: number }
  | { code: 'unknown-program'; program: string; suggestion?: string }
  | { code: 'unknown-stage'; program: string; stage: string; suggestion?: string }
  | { code: 'unknown-recipient' }
  | { code: 'stage-in-use'; program: string; stage: string; events: number }
  | { code: 'program-not-changed'; program: string; line: number };
