import type { NikProblem } from '../../../src/domain/nik/parse-nik.js';
import type { KpmContext } from '../context.js';
import type { ContactView, LineSpec, LocalTime, ReplySpec } from '../contract.js';
import { choicesOf } from '../prompts.js';
import type { NameReading } from '../read-name.js';
import { contactLines } from './contact-lines.js';
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

/** This chat used up its attempts: what happened, when it may try again, whom to ask meanwhile. */
export function lockedReply(linked: boolean, until: LocalTime, contact: ContactView | null): ReplySpec {
  return menuReply(linked, [
    { key: 'verify.locked' },
    { key: 'verify.lockedUntil', params: { until } },
    { key: 'verify.lockedHelp' },
    ...contactLines(contact),
  ]);
}

/**
 * Name checks on this NIK are slowed (failures, possibly from other chats): say so honestly,
 * say when names work again, and offer the KK number, which works now.
 */
export function slowedReply(until: LocalTime): ReplySpec {
  return {
    lines: [{ key: 'verify.slowed' }, { key: 'verify.slowedUntil', params: { until } }, { key: 'kk.ask' }, { key: 'common.menuHint' }],
  };
}

export function askKkAgainReply(): ReplySpec {
  return { lines: [{ key: 'kk.invalid' }, { key: 'common.menuHint' }] };
}

/** The NIK typed again where the name was asked: say so, and ask for the name. */
export function nameIsNikReply(): ReplySpec {
  return { lines: [{ key: 'name.isNik' }, { key: 'common.menuHint' }] };
}
