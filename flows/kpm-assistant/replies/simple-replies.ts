import type { LineSpec, ReplySpec } from '../contract.js';
import { choicesOf } from '../prompts.js';
import type { SmallTalk } from '../read-small-talk.js';
import { menuReply } from './menu-reply.js';

/** An effect failed: apologise briefly and give the menu back, never leave the person stuck. */
export function errorReply(linked: boolean): ReplySpec {
  return menuReply(linked, [{ key: 'common.error' }]);
}

/** Sent before the message that arrived late; that message is then answered from the menu. */
export function sessionRestartedReply(): ReplySpec {
  return { lines: [{ key: 'common.sessionRestarted' }] };
}

export function busyReply(): ReplySpec {
  return { lines: [{ key: 'common.wait' }] };
}

export function chooseLanguageReply(): ReplySpec {
  return { lines: [{ key: 'language.ask' }], choices: choicesOf('language', false) };
}

export function languageChangedReply(linked: boolean): ReplySpec {
  return menuReply(linked, [{ key: 'language.changed' }]);
}

export function unlinkedReply(): ReplySpec {
  return menuReply(false, [{ key: 'logout.done' }]);
}

export function notLinkedReply(): ReplySpec {
  return menuReply(false, [{ key: 'logout.notLinked' }]);
}

/** Only text is read in this flow; say so and what to do, and stay at the same step. */
export function unsupportedReply(kind: 'image' | 'location' | 'other'): ReplySpec {
  return { lines: [UNSUPPORTED[kind], { key: 'unsupported.next' }] };
}

const UNSUPPORTED: Record<'image' | 'location' | 'other', LineSpec> = {
  image: { key: 'unsupported.image' },
  location: { key: 'unsupported.location' },
  other: { key: 'unsupported.other' },
};

/** A prompt with numbered choices asked again after an answer it cannot place. */
export function chooseAgainReply(choices: NonNullable<ReplySpec['choices']>): ReplySpec {
  return { lines: [{ key: 'common.chooseNumber' }], choices };
}

/** "Assalamualaikum": return the salam first, then the usual welcome. */
export function salamReply(linked: boolean): ReplySpec {
  return { lines: [{ key: 'menu.salam' }, { key: 'menu.greeting' }, { key: 'menu.prompt' }], choices: choicesOf('menu', linked) };
}

/** "Batal": say what happened — something was cancelled, or there was nothing to cancel. */
export function cancelledReply(linked: boolean, somethingUnderWay: boolean): ReplySpec {
  return menuReply(linked, [somethingUnderWay ? { key: 'menu.cancelled' } : { key: 'menu.nothingToCancel' }]);
}

const SMALL_TALK: Record<SmallTalk, LineSpec> = {
  thanks: { key: 'smallTalk.thanks' },
  yes: { key: 'smallTalk.yes' },
  no: { key: 'smallTalk.no' },
};

/** "Terima kasih", "ok", "tidak": a short fitting answer, then what the step still needs (if anything). */
export function smallTalkReply(kind: SmallTalk, then: LineSpec[]): ReplySpec {
  return { lines: [SMALL_TALK[kind], ...then] };
}
