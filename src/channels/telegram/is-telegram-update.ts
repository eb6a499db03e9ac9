import type { Update } from 'telegraf/types';

/**
 * The one thing every Bot API update has is an integer `update_id`; the rest is read field by
 * field in `toInboundMessage`, which ignores shapes it does not know.
 */
export function isTelegramUpdate(value: unknown): value is Update {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return 'update_id' in value && Number.isSafeInteger(value.update_id);
}
