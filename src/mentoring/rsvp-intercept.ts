import type { ReplySpec } from '../../flows/kpm-assistant/contract.js';
import type { InterceptScope } from '../engine/flow-router.js';
import { toLocalTime } from '../domain/local-time.js';
import { readRsvp } from './read-rsvp.js';
import { recordRsvp } from './sessions.js';

/**
 * Routes a KPM's answer to a session invitation, whatever state their conversation is in.
 * Only the chat the invitation or reminder went to can answer it. A tapped button names its
 * session; "hadir" / "tidak bisa hadir" answer the chat's most recently prompted open
 * invitation; "ya", "tidak", "1", "2" only when that prompt is the last thing the chat received
 * (the person typed nothing since, and it is not answered yet), so a "1" meant for the menu
 * still reaches the menu.
 * Returns true when the message was an answer (recorded, or too late and told so).
 */
export async function interceptRsvp(scope: Omit<InterceptScope, 'flow' | 'reroute'>, now: Date): Promise<boolean> {
  const reading = readRsvp(scope.message.content);
  if (!reading) return false;
  const { tx, message } = scope;
  const chat = { promptChannel: message.channel, promptChatId: message.chatId };
  const invitation =
    reading.strength === 'button'
      ? await tx.sessionInvitation.findFirst({ where: { ...chat, sessionId: reading.sessionId }, select: { id: true } })
      : await tx.sessionInvitation.findFirst({
          where: {
            ...chat,
            session: { status: 'scheduled', startsAt: { gt: now } },
            // A short answer needs a fresh prompt: nothing typed since it, and not answered since it.
            ...(reading.strength === 'short' ? { promptedAt: { gt: scope.lastActivityAt ?? new Date(0) }, OR: [{ rsvpAt: null }, { rsvpAt: { lt: tx.sessionInvitation.fields.promptedAt } }] } : {}),
          },
          orderBy: { promptedAt: 'desc' },
          select: { id: true },
        });
  if (!invitation) return false;
  const result = await recordRsvp(tx, invitation.id, reading.answer, now);
  const spec: ReplySpec = result.ok
    ? {
        lines: [
          {
            key: reading.answer === 'coming' ? 'rsvp.coming' : 'rsvp.notComing',
            params: { title: result.value.title, when: toLocalTime(result.value.startsAt, result.value.timeZone) },
          },
        ],
      }
    : { lines: [{ key: 'rsvp.closed' }] };
  scope.emit({ spec, language: scope.language });
  return true;
}
