import type { ReplySpec } from '../contract.js';
import { menuReply } from './menu-reply.js';

/** The short FAQ: what the bot does, privacy (never PIN/OTP/money), cut aid, who can help. */
export function helpReply(linked: boolean): ReplySpec {
  return menuReply(linked, [
    { key: 'help.title' },
    { key: 'help.what' },
    { key: 'help.privacy' },
    { key: 'help.cut' },
    { key: 'help.facilitator' },
  ]);
}
