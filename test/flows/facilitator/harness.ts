import { createActor, fromPromise, waitFor } from 'xstate';
import type {
  AnnouncementPreview,
  ChatRef,
  OverviewOutput,
  CreateSessionInput,
  CreateSessionOutput,
  GroupOption,
  InviteeOption,
  MarkAttendanceInput,
  ReplySpec,
  RescheduleInput,
  SendAnnouncementInput,
  SessionChangeOutput,
  SessionOption,
  SessionRef,
} from '../../../flows/facilitator/contract.js';
import { facilitatorMachine } from '../../../flows/facilitator/machine.js';
import { toFacilitatorEvent } from '../../../flows/facilitator/to-event.js';
import { createTranslator } from '../../../src/i18n/create-translator.js';
import { renderReply } from '../../../src/i18n/render-reply.js';
import { recapReply } from '../../../src/report-review/recap-reply.js';

export const GROUPS: GroupOption[] = [
  { id: 11, name: 'KUBE Mawar', members: 12 },
  { id: 12, name: 'KUBE Melati', members: 9 },
];

export const SESSION: SessionOption = {
  id: 7, title: 'Bimtek pembukuan', when: '2026-12-01T10:00+07:00', place: 'Balai Desa', groups: 'KUBE Mawar',
  invited: 2, answered: 1, coming: 1, attended: 0,
};

export const INVITEES: InviteeOption[] = [
  { invitationId: 101, name: 'Siti Contoh', rsvp: 'coming', attended: null },
  { invitationId: 102, name: 'Nurhayati Contoh', rsvp: null, attended: null },
];

/** The facilitator flow with recording fakes for every effect, driven like the engine drives it. */
/** What the fake *Rekap laporan* effect answers: KUBE Mawar with two members still to report. */
export const RECAP = recapReply(
  [{ groupId: 11, name: 'KUBE Mawar', programCode: 'UEP', members: 12, reported: 10, notReported: 2, running: 9, missing: [{ recipientId: 1, fullName: 'Siti Contoh' }, { recipientId: 2, fullName: 'Nurhayati Contoh' }] }],
  { id: 'November 2026', en: 'November 2026' },
);

export function facilitatorHarness(
  overrides: { createSession?: (input: CreateSessionInput) => CreateSessionOutput; reschedule?: (input: RescheduleInput) => SessionChangeOutput; reportRecap?: () => ReplySpec } = {},
) {
  const t = createTranslator();
  const replies: ReplySpec[] = [];
  const calls: Array<{ effect: string; input: unknown }> = [];
  const record = <O, I>(effect: string, output: (input: I) => O) =>
    fromPromise<O, I>(async ({ input }) => {
      calls.push({ effect, input });
      return output(input);
    });
  const machine = facilitatorMachine.provide({
    actions: { reply: (_, params: ReplySpec) => void replies.push(params) },
    actors: {
      listGroups: record('listGroups', () => GROUPS),
      createSession: record('createSession', (input: CreateSessionInput) => overrides.createSession?.(input) ?? { ok: true, when: '2026-12-01T10:00+07:00' }),
      listSessions: record('listSessions', () => [SESSION]),
      cancelSession: record('cancelSession', (_: SessionRef): SessionChangeOutput => ({ ok: true })),
      rescheduleSession: record('rescheduleSession', (input: RescheduleInput) => overrides.reschedule?.(input) ?? { ok: true, when: '2026-12-02T09:00+07:00' }),
      sessionOverview: record<OverviewOutput, SessionRef>('sessionOverview', () => ({ ...SESSION, invitees: INVITEES })),
      markAttendance: record('markAttendance', (input: MarkAttendanceInput) => ({ marked: input.present.length })),
      previewAnnouncement: record('previewAnnouncement', (): AnnouncementPreview => ({ reachable: 10, noChat: 2, optedOut: 0 })),
      sendAnnouncement: record('sendAnnouncement', (_: SendAnnouncementInput) => ({ queued: 10 })),
      reportRecap: record<ReplySpec, ChatRef>('reportRecap', () => overrides.reportRecap?.() ?? RECAP),
      unlinkChat: record<void, ChatRef>('unlinkChat', () => undefined),
    },
  });
  const actor = createActor(machine, { input: { channel: 'telegram', chatId: '77', language: 'id' } });
  actor.start();

  return {
    replies,
    calls,
    actor,
    /** Sends a text (or a tapped choice id) and returns the rendered replies it produced. */
    async say(text: string, kind: 'text' | 'choice' = 'text'): Promise<string> {
      const before = replies.length;
      actor.send(toFacilitatorEvent(kind === 'text' ? { kind: 'text', text } : { kind: 'choice', choiceId: text }));
      await waitFor(actor, (snapshot) => !snapshot.hasTag('busy'), { timeout: 2_000 });
      return replies
        .slice(before)
        .map((spec) => {
          const content = renderReply(spec, 'id', t);
          return content.kind === 'text' ? [content.text, ...(content.choices ?? []).map((c) => c.label)].join('\n') : '';
        })
        .join('\n---\n');
    },
    state: () => String(actor.getSnapshot().value),
  };
}
