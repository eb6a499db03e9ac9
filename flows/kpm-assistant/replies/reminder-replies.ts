import type { ReplySpec } from '../contract.js';
import { menuReply } from './menu-reply.js';

/** BERHENTI: reminders and broadcasts stop; say how to resume. Conversations go on. */
export function remindersStoppedReply(): ReplySpec {
  return { lines: [{ key: 'reminders.stopped' }] };
}

/** MULAI from someone who had stopped: they are back on, then the menu. */
export function remindersResumedReply(linked: boolean): ReplySpec {
  return menuReply(linked, [{ key: 'reminders.resumed' }]);
}
