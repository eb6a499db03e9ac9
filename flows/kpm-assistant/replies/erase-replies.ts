import type { ReplySpec } from '../contract.js';
import { menuReply } from './menu-reply.js';

/** The two answers to "erase this chat's data?", as numbered choices. */
export const ERASE_CHOICES = {
  yes: { id: 'erase-yes', key: 'erase.choice.yes' },
  no: { id: 'erase-no', key: 'erase.choice.no' },
} as const;

/** What will be erased and what will not, then Ya/Tidak. */
export function confirmEraseReply(): ReplySpec {
  return {
    lines: [{ key: 'erase.confirm' }, { key: 'erase.what' }, { key: 'erase.kept' }],
    choices: [ERASE_CHOICES.yes, ERASE_CHOICES.no],
  };
}

/** The chat is no longer linked to anyone afterwards. */
export function erasedReply(): ReplySpec {
  return menuReply(false, [{ key: 'erase.done' }]);
}

export function eraseCancelledReply(linked: boolean): ReplySpec {
  return menuReply(linked, [{ key: 'erase.cancelled' }]);
}
