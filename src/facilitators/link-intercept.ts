import type { ReplySpec } from '../../flows/kpm-assistant/contract.js';
import type { InterceptScope } from '../engine/flow-router.js';
import { DEFAULT_TIME_ZONE, toLocalTime } from '../domain/local-time.js';
import { readLinkCommand, redeemLinkCode, type LinkCodeSettings } from './link-codes.js';

/** `DAFTAR 123456` from any chat, in any state: tries the code and says how it went. */
export async function interceptLinkCode(scope: InterceptScope, settings: LinkCodeSettings, now: () => Date): Promise<boolean> {
  const { content } = scope.message;
  if (content.kind !== 'text') return false;
  const code = readLinkCommand(content.text);
  if (code === null) return false;
  const outcome = await redeemLinkCode(scope.tx, settings, { channel: scope.message.channel, chatId: scope.message.chatId }, code, now());
  let spec: ReplySpec;
  if (outcome.outcome === 'linked') {
    spec = { lines: [{ key: 'link.linked', params: { name: outcome.displayName } }] };
    // The chat is a facilitator's now: the engine picks its flow again.
    scope.reroute();
  }
  else if (outcome.outcome === 'invalid') spec = { lines: [{ key: 'link.invalid', params: { left: outcome.attemptsLeft } }] };
  else spec = { lines: [{ key: 'link.locked', params: { until: toLocalTime(outcome.until, DEFAULT_TIME_ZONE) } }] };
  scope.emit({ spec, language: scope.language });
  return true;
}
