import type { NikProblem } from '../../../src/domain/nik/parse-nik.js';
import type { LineSpec } from '../contract.js';

const NIK_LENGTH = 16;

/** What exactly is wrong with a typed NIK, in plain words (digits counted for the person). */
export function nikProblemLine(problem: NikProblem): LineSpec {
  switch (problem.problem) {
    case 'empty':
      return { key: 'nik.problem.empty' };
    case 'non-digit':
      return { key: 'nik.problem.nonDigit' };
    case 'length':
      return problem.length < NIK_LENGTH
        ? { key: 'nik.problem.tooShort', params: { count: problem.length } }
        : { key: 'nik.problem.tooLong', params: { count: problem.length } };
    case 'unknown-province':
      // Said as a typo to fix against the KTP: province codes mean nothing to the person.
      return { key: 'nik.problem.unknownProvince' };
    case 'invalid-birth-date':
      return { key: 'nik.problem.invalidBirthDate' };
    case 'invalid-serial':
      return { key: 'nik.problem.invalidSerial' };
  }
}
