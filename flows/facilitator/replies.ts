import type { LineSpec, ReplySpec } from '../kpm-assistant/contract.js';
import type { FacilitatorContext } from './context.js';
import type { InviteeOption, SessionOption, SessionProblem } from './contract.js';

/** Numbered choices; ids carry the number (`fac:2`) so a tap reads like a typed "2". */
function numbered(keys: string[]): ReplySpec['choices'] {
  return keys.map((key, index) => ({ id: `fac:${index + 1}`, key }));
}

export const menuReply = (lead?: LineSpec): ReplySpec => ({
  lines: [...(lead ? [lead] : []), { key: 'facilitator.menu.prompt' }],
  choices: numbered(['facilitator.menu.schedule', 'facilitator.menu.announce', 'facilitator.menu.attendance', 'facilitator.menu.recap', 'facilitator.menu.leave']),
});

export const scheduleMenuReply = (lead?: LineSpec): ReplySpec => ({
  lines: [...(lead ? [lead] : []), { key: 'facilitator.schedule.prompt' }],
  choices: numbered([
    'facilitator.schedule.create',
    'facilitator.schedule.list',
    'facilitator.schedule.reschedule',
    'facilitator.schedule.cancel',
    'facilitator.schedule.back',
  ]),
});

export const line = (key: string, params?: LineSpec['params']): ReplySpec => ({ lines: [params ? { key, params } : { key }] });

export function groupsReply(context: FacilitatorContext, promptKey: string): ReplySpec {
  return {
    lines: [
      { key: promptKey },
      ...context.groups.map((group, index) => ({ key: 'facilitator.groupLine', params: { n: index + 1, name: group.name, members: group.members } })),
    ],
  };
}

export function draftReply(context: FacilitatorContext): ReplySpec {
  const names = context.groups.filter((group) => context.draft.groupIds.includes(group.id)).map((group) => group.name).join(', ');
  return {
    lines: [
      { key: 'facilitator.create.check' },
      { key: 'facilitator.session.title', params: { title: context.draft.title } },
      { key: 'facilitator.session.whenLocal', params: { date: context.draft.startsLocal.slice(0, 10), time: context.draft.startsLocal.slice(11) } },
      { key: 'facilitator.session.place', params: { place: context.draft.place } },
      { key: 'facilitator.session.groups', params: { groups: names } },
    ],
    choices: numbered(['facilitator.create.save', 'facilitator.create.discard']),
  };
}

export function sessionsReply(sessions: SessionOption[], promptKey: string): ReplySpec {
  return {
    lines: [
      { key: promptKey },
      ...sessions.map((session, index) => ({
        key: 'facilitator.sessionLine',
        params: { n: index + 1, title: session.title, when: session.when, groups: session.groups, coming: session.coming, invited: session.invited },
      })),
    ],
  };
}

export const problemReply = (problem: SessionProblem): ReplySpec => line(`facilitator.problem.${problem}`);

function inviteeLine(invitee: InviteeOption, index: number): LineSpec {
  const params = { n: index + 1, name: invitee.name };
  // Once attendance is marked it is what matters; before, the answer.
  if (invitee.attended !== null) return { key: invitee.attended ? 'facilitator.invitee.present' : 'facilitator.invitee.absent', params };
  if (invitee.rsvp === 'coming') return { key: 'facilitator.invitee.coming', params };
  if (invitee.rsvp === 'not-coming') return { key: 'facilitator.invitee.notComing', params };
  return { key: 'facilitator.invitee.none', params };
}

export function overviewReply(session: SessionOption, invitees: InviteeOption[]): ReplySpec {
  return {
    lines: [
      { key: 'facilitator.overview.summary', params: { title: session.title, when: session.when, invited: session.invited, answered: session.answered, coming: session.coming, attended: session.attended } },
      ...invitees.map(inviteeLine),
      { key: invitees.length > 0 ? 'facilitator.overview.ask' : 'facilitator.overview.none' },
    ],
  };
}

export const previewReply = (context: FacilitatorContext): ReplySpec => ({
  lines: [{ key: 'facilitator.announce.preview', params: { ...(context.preview ?? { reachable: 0, noChat: 0, optedOut: 0 }) } }],
  choices: numbered(['facilitator.announce.send', 'facilitator.announce.discard']),
});

export const cancelConfirmReply = (session: SessionOption): ReplySpec => ({
  lines: [{ key: 'facilitator.cancel.confirm', params: { title: session.title, when: session.when } }],
  choices: numbered(['facilitator.cancel.yes', 'facilitator.cancel.no']),
});
