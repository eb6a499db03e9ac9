import type { NikProblem } from '../../../src/domain/nik/parse-nik.js';
import type { KpmContext } from '../context.js';
import type { LineSpec, ReplySpec } from '../contract.js';
import { choicesOf } from '../prompts.js';
import type { NameReading } from '../read-name.js';
import { menuReply } from './menu-reply.js';
import { nikProblemLine } from './nik-problem-line.js';

export function askNikReply(intent: KpmContext['intent']): ReplySpec {
  return {
    lines: [
      intent === 'status' ? { key: 'nik.forStatus' } : { key: 'nik.forEligibility' },
      { key: 'nik.ask' },
      { key: 'nik.privacy' },
      { key: 'common.menuHint' },
    ],
  };
}

export function invalidNikReply(problem: NikProblem): ReplySpec {
  return { lines: [nikProblemLine(problem), { key: 'nik.retype' }] };
}

/** After several invalid NIKs in a row: reassure, show where the NIK is, offer a way out. */
export function nikTroubleReply(problem: NikProblem | null): ReplySpec {
  const lead = problem ? [nikProblemLine(problem)] : [];
  return {
    lines: [...lead, { key: 'nik.trouble.intro' }, { key: 'nik.trouble.tip' }],
    choices: choicesOf('nikTrouble', false),
  };
}

export function askNameReply(): ReplySpec {
  return { lines: [{ key: 'name.ask' }, { key: 'common.menuHint' }] };
}

export function nameProblemReply(problem: Extract<NameReading, { ok: false }>['problem']): ReplySpec {
  const line = problem === 'has-digits' ? { key: 'name.hasDigits' } : { key: 'name.tooShort' };
  return { lines: [line, { key: 'common.menuHint' }] };
}

/** Where to go when the data does not match: being proposed, and people who can help. */
const NOT_REGISTERED: LineSpec[] = [{ key: 'verify.notRegistered' }, { key: 'verify.askFacilitator' }];

/** The same words whether the NIK is unknown or the name is wrong: nothing reveals which. */
export function rejectedReply(attemptsLeft: number): ReplySpec {
  return {
    lines: [{ key: 'verify.rejected' }, { key: 'verify.checkAgain', params: { attemptsLeft } }, ...NOT_REGISTERED],
    choices: choicesOf('rejected', false),
  };
}

export function rejectedFinalReply(linked: boolean): ReplySpec {
  return menuReply(linked, [{ key: 'verify.rejected' }, { key: 'verify.noAttemptsLeft' }, ...NOT_REGISTERED]);
}

export function lockedReply(linked: boolean): ReplySpec {
  return menuReply(linked, [{ key: 'verify.locked' }, { key: 'verify.lockedHelp' }]);
}
