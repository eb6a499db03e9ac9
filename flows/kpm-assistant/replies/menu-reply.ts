import type { LineSpec, ReplySpec } from '../contract.js';
import { choicesOf } from '../prompts.js';

/**
 * The main menu, after what was just said. Every answer ends here, so the numbers stay the same
 * on every screen (2 is always "Status bantuan"). With nothing before it, it greets.
 */
export function menuReply(linked: boolean, lead: LineSpec[] = []): ReplySpec {
  const lines = lead.length === 0 ? [{ key: 'menu.greeting' }, { key: 'menu.prompt' }] : [...lead, { key: 'menu.next' }];
  return { lines, choices: choicesOf('menu', linked) };
}

/** Input the menu cannot place: say so, then the menu again — never silence. */
export function unknownMenuReply(linked: boolean): ReplySpec {
  return { lines: [{ key: 'menu.unknown' }, { key: 'menu.prompt' }], choices: choicesOf('menu', linked) };
}
