import type { LineSpec, ReplySpec } from '../../flows/kpm-assistant/contract.js';
import type { RecapGroup } from './facilitator-recap.js';

/** Names listed per group in chat; the rest are counted ("+3 lainnya"). */
const NAMES_SHOWN = 10;

/**
 * The facilitator's *Rekap laporan* as a chat reply (locale keys `recap.*`): the month, then per
 * group how many reported out of its members, how many businesses still run, and who has not
 * reported yet (their own group's members, by name). For the facilitator flow to emit as is.
 */
export function recapReply(groups: readonly RecapGroup[], month: { id: string; en: string }): ReplySpec {
  const lines: LineSpec[] = [{ key: 'recap.title', params: { month } }];
  if (groups.length === 0) lines.push({ key: 'recap.noGroups' });
  for (const group of groups) {
    lines.push({ key: 'recap.group', params: { name: group.name, reported: group.reported, members: group.members, running: group.running } });
    if (group.missing.length === 0) {
      lines.push({ key: 'recap.allReported' });
      continue;
    }
    const names = group.missing.slice(0, NAMES_SHOWN).map((member) => member.fullName).join(', ');
    const more = group.missing.length - NAMES_SHOWN;
    lines.push(more > 0 ? { key: 'recap.missingMore', params: { names, more } } : { key: 'recap.missing', params: { names } });
  }
  return { lines };
}
