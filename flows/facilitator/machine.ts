import { assign, fromPromise, setup } from 'xstate';
import { initialFacilitatorContext, type FacilitatorContext } from './context.js';
import type {
  AnnouncementPreview,
  AnnouncementTarget,
  ChatRef,
  CreateSessionInput,
  CreateSessionOutput,
  FacilitatorEvent,
  FacilitatorInput,
  GroupOption,
  ListSessionsInput,
  MarkAttendanceInput,
  OverviewOutput,
  ReplySpec,
  ReportRecapOutput,
  RescheduleInput,
  SendAnnouncementInput,
  SendAnnouncementOutput,
  SessionChangeOutput,
  SessionOption,
  SessionRef,
} from './contract.js';
import { readChoice, readDateTime, readNumbers } from './read-input.js';
import {
  cancelConfirmReply,
  draftReply,
  groupsReply,
  line,
  menuReply,
  overviewReply,
  previewReply,
  problemReply,
  scheduleMenuReply,
  sessionsReply,
} from './replies.js';

/** Stored beside every persisted snapshot; bump it when states or context change shape. */
export const FACILITATOR_FLOW_VERSION = 1;

/** Longest announcement text; a chat message beyond this is probably a paste gone wrong. */
export const MAX_ANNOUNCEMENT_LENGTH = 1_000;

function notProvided(name: string): Error {
  return new Error(`facilitator: effect "${name}" not provided`);
}
const placeholder = <O, I>(name: string) => fromPromise<O, I>(() => Promise.reject(notProvided(name)));
const chat = (context: FacilitatorContext): ChatRef => ({ channel: context.channel, chatId: context.chatId });
const textOf = (event: FacilitatorEvent) => (event.type === 'TEXT' ? event.text : '');
const choiceOf = (event: FacilitatorEvent) => readChoice(textOf(event));

const facilitatorSetup = setup({
  types: {
    context: {} as FacilitatorContext,
    events: {} as FacilitatorEvent,
    input: {} as FacilitatorInput,
  },
  actions: {
    reply: (_, _params: ReplySpec) => {
      throw notProvided('reply');
    },
    /** Nothing typed for an unfinished task stays in the stored conversation. */
    forgetDrafts: assign({ announcement: '', preview: null, invitees: [] as number[] }),
  },
  actors: {
    listGroups: placeholder<GroupOption[], ChatRef>('listGroups'),
    createSession: placeholder<CreateSessionOutput, CreateSessionInput>('createSession'),
    listSessions: placeholder<SessionOption[], ListSessionsInput>('listSessions'),
    cancelSession: placeholder<SessionChangeOutput, SessionRef>('cancelSession'),
    rescheduleSession: placeholder<SessionChangeOutput, RescheduleInput>('rescheduleSession'),
    sessionOverview: placeholder<OverviewOutput, SessionRef>('sessionOverview'),
    markAttendance: placeholder<{ marked: number }, MarkAttendanceInput>('markAttendance'),
    previewAnnouncement: placeholder<AnnouncementPreview, AnnouncementTarget>('previewAnnouncement'),
    sendAnnouncement: placeholder<SendAnnouncementOutput, SendAnnouncementInput>('sendAnnouncement'),
    reportRecap: placeholder<ReportRecapOutput, ChatRef>('reportRecap'),
    unlinkChat: placeholder<void, ChatRef>('unlinkChat'),
  },
  guards: {
    picked: ({ event }, params: { n: number }) => choiceOf(event) === params.n,
  },
});

/** A reply computed from the context (and the event) when the transition runs. */
const reply = (spec: (context: FacilitatorContext, event: unknown) => ReplySpec) =>
  ({ type: 'reply', params: ({ context, event }: { context: FacilitatorContext; event: unknown }) => spec(context, event) }) as const;
const errorReply = reply(() => line('facilitator.error'));
const chooseNumber = reply(() => line('facilitator.chooseNumber'));

/** The selected session (from the last list shown). */
const selected = (context: FacilitatorContext): SessionOption | undefined => context.sessions.find((s) => s.id === context.sessionId);

/**
 * The facilitator's root flow: a chat linked to a facilitator account gets it instead of the KPM
 * assistant (the engine's router decides from data). Menu: *Jadwal pendampingan* (create, list,
 * reschedule, cancel), *Kirim pengumuman* (to one of their groups, with a count preview and a
 * confirmation), *Kehadiran* (answers and attendance of a session, marked by numbers),
 * *Rekap laporan* (this month's business reports of their groups) and *Keluar* (unlinks the chat). "menu" or "batal" returns to the menu from any step,
 * "english" / "bahasa indonesia" switch the replies' language there. Effects are
 * named placeholders; states running one carry the tag 'busy'.
 */
export const facilitatorMachine = facilitatorSetup.createMachine({
  id: 'facilitator',
  context: ({ input }) => initialFacilitatorContext(input),
  initial: 'menu',
  on: {
    MENU: [
      { guard: ({ event }) => event.reason === 'cancel', target: '.menu', actions: ['forgetDrafts', reply(() => menuReply({ key: 'facilitator.cancelled' }))] },
      { target: '.menu', actions: ['forgetDrafts', reply(() => menuReply())] },
    ],
    // assign runs first, so the confirmation and the menu are already in the new language.
    LANGUAGE: {
      target: '.menu',
      actions: ['forgetDrafts', assign({ language: ({ event }) => event.language }), reply(() => menuReply({ key: 'language.changed' }))],
    },
    IDLE_RESET: { target: '.menu', actions: reply(() => line('facilitator.sessionRestarted')) },
    OTHER: { actions: reply(() => line('facilitator.textOnly')) },
  },
  states: {
    menu: {
      on: {
        TEXT: [
          { guard: { type: 'picked', params: { n: 1 } }, target: 'schedule', actions: reply(() => scheduleMenuReply()) },
          { guard: { type: 'picked', params: { n: 2 } }, target: 'loadingGroups', actions: assign({ groupPurpose: 'announcement' }) },
          { guard: { type: 'picked', params: { n: 3 } }, target: 'loadingSessions', actions: assign({ purpose: 'attendance' }) },
          { guard: { type: 'picked', params: { n: 4 } }, target: 'loadingRecap' },
          { guard: { type: 'picked', params: { n: 5 } }, target: 'leaving' },
          { actions: reply(() => menuReply()) },
        ],
      },
    },

    schedule: {
      on: {
        TEXT: [
          {
            guard: { type: 'picked', params: { n: 1 } },
            target: 'askingTitle',
            actions: [assign({ draft: { title: '', startsLocal: '', place: '', groupIds: [] }, groupPurpose: 'session' }), reply(() => line('facilitator.create.askTitle'))],
          },
          { guard: { type: 'picked', params: { n: 2 } }, target: 'listing' },
          { guard: { type: 'picked', params: { n: 3 } }, target: 'loadingSessions', actions: assign({ purpose: 'reschedule' }) },
          { guard: { type: 'picked', params: { n: 4 } }, target: 'loadingSessions', actions: assign({ purpose: 'cancel' }) },
          { guard: { type: 'picked', params: { n: 5 } }, target: 'menu', actions: reply(() => menuReply()) },
          { actions: reply(() => scheduleMenuReply({ key: 'facilitator.chooseNumber' })) },
        ],
      },
    },

    askingTitle: {
      on: {
        TEXT: [
          { guard: ({ event }) => event.text.trim().length < 3 || event.text.length > 200, actions: reply(() => line('facilitator.create.badTitle')) },
          {
            target: 'askingWhen',
            actions: [assign({ draft: ({ context, event }) => ({ ...context.draft, title: event.text.trim() }) }), reply(() => line('facilitator.create.askWhen'))],
          },
        ],
      },
    },
    askingWhen: {
      on: {
        TEXT: [
          {
            guard: ({ event }) => readDateTime(event.text) !== null,
            target: 'askingPlace',
            actions: [
              assign({ draft: ({ context, event }) => ({ ...context.draft, startsLocal: readDateTime(event.text)! }) }),
              reply(() => line('facilitator.create.askPlace')),
            ],
          },
          { actions: reply(() => line('facilitator.create.badWhen')) },
        ],
      },
    },
    askingPlace: {
      on: {
        TEXT: [
          { guard: ({ event }) => event.text.trim().length < 3 || event.text.length > 300, actions: reply(() => line('facilitator.create.badPlace')) },
          { target: 'loadingGroups', actions: assign({ draft: ({ context, event }) => ({ ...context.draft, place: event.text.trim() }) }) },
        ],
      },
    },

    loadingGroups: {
      tags: ['busy'],
      invoke: {
        src: 'listGroups',
        input: ({ context }) => chat(context),
        onDone: [
          { guard: ({ event }) => event.output.length === 0, target: 'menu', actions: reply(() => menuReply({ key: 'facilitator.noGroups' })) },
          {
            target: 'askingGroups',
            actions: [
              assign({ groups: ({ event }) => event.output }),
              reply((context) => groupsReply(context, context.groupPurpose === 'session' ? 'facilitator.create.askGroups' : 'facilitator.announce.askGroup')),
            ],
          },
        ],
        onError: { target: 'menu', actions: errorReply },
      },
    },
    askingGroups: {
      on: {
        TEXT: [
          {
            guard: ({ context, event }) => context.groupPurpose === 'session' && readNumbers(event.text, context.groups.length) !== null,
            target: 'confirmingSession',
            actions: [
              assign({
                draft: ({ context, event }) => ({
                  ...context.draft,
                  groupIds: readNumbers(event.text, context.groups.length)!.map((n) => context.groups[n - 1]!.id),
                }),
              }),
              reply((context) => draftReply(context)),
            ],
          },
          {
            guard: ({ context, event }) => context.groupPurpose === 'announcement' && readNumbers(event.text, context.groups.length)?.length === 1,
            target: 'askingAnnouncement',
            actions: [
              assign({ groupId: ({ context, event }) => context.groups[readNumbers(event.text, context.groups.length)![0]! - 1]!.id }),
              reply(() => line('facilitator.announce.askText')),
            ],
          },
          { actions: reply(() => line('facilitator.badGroups')) },
        ],
      },
    },
    confirmingSession: {
      on: {
        TEXT: [
          { guard: { type: 'picked', params: { n: 1 } }, target: 'creatingSession' },
          { guard: { type: 'picked', params: { n: 2 } }, target: 'schedule', actions: reply(() => scheduleMenuReply({ key: 'facilitator.cancelled' })) },
          { actions: chooseNumber },
        ],
      },
    },
    creatingSession: {
      tags: ['busy'],
      invoke: {
        src: 'createSession',
        input: ({ context }) => ({ ...chat(context), ...context.draft }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'schedule',
            actions: reply((_, event) => {
              const output = (event as unknown as { output: CreateSessionOutput }).output;
              return scheduleMenuReply({ key: 'facilitator.create.done', params: { when: output.ok ? output.when : '' } });
            }),
          },
          {
            // A time already past (or unreadable in the group's zone): ask for the time again, keep the rest.
            guard: ({ event }) => !event.output.ok && (event.output.problem === 'in-past' || event.output.problem === 'bad-time'),
            target: 'askingWhenAgain',
            actions: reply((_, event) => problemReply((event as unknown as { output: { problem: 'in-past' } }).output.problem)),
          },
          { target: 'schedule', actions: reply((_, event) => problemReply((event as unknown as { output: { problem: 'no-group' } }).output.problem)) },
        ],
        onError: { target: 'menu', actions: errorReply },
      },
    },
    askingWhenAgain: {
      on: {
        TEXT: [
          {
            guard: ({ event }) => readDateTime(event.text) !== null,
            target: 'creatingSession',
            actions: assign({ draft: ({ context, event }) => ({ ...context.draft, startsLocal: readDateTime(event.text)! }) }),
          },
          { actions: reply(() => line('facilitator.create.badWhen')) },
        ],
      },
    },

    listing: {
      tags: ['busy'],
      invoke: {
        src: 'listSessions',
        input: ({ context }) => ({ ...chat(context), range: 'upcoming' as const }),
        onDone: [
          { guard: ({ event }) => event.output.length === 0, target: 'schedule', actions: reply(() => scheduleMenuReply({ key: 'facilitator.list.none' })) },
          {
            target: 'schedule',
            actions: [reply((_, event) => sessionsReply((event as unknown as { output: SessionOption[] }).output, 'facilitator.list.title')), reply(() => scheduleMenuReply())],
          },
        ],
        onError: { target: 'menu', actions: errorReply },
      },
    },

    loadingSessions: {
      tags: ['busy'],
      invoke: {
        src: 'listSessions',
        input: ({ context }) => ({ ...chat(context), range: context.purpose === 'attendance' ? ('recent' as const) : ('upcoming' as const) }),
        onDone: [
          { guard: ({ event }) => event.output.length === 0, target: 'menu', actions: reply(() => menuReply({ key: 'facilitator.list.none' })) },
          {
            target: 'pickingSession',
            actions: [
              assign({ sessions: ({ event }) => event.output }),
              reply((context) => sessionsReply(context.sessions, `facilitator.pick.${context.purpose ?? 'attendance'}`)),
            ],
          },
        ],
        onError: { target: 'menu', actions: errorReply },
      },
    },
    pickingSession: {
      on: {
        TEXT: [
          {
            guard: ({ context, event }) => readNumbers(event.text, context.sessions.length)?.length !== 1,
            actions: reply(() => line('facilitator.pick.bad')),
          },
          {
            guard: ({ context }) => context.purpose === 'reschedule',
            target: 'askingNewWhen',
            actions: [
              assign({ sessionId: ({ context, event }) => context.sessions[readNumbers(event.text, context.sessions.length)![0]! - 1]!.id }),
              reply(() => line('facilitator.reschedule.askWhen')),
            ],
          },
          {
            guard: ({ context }) => context.purpose === 'cancel',
            target: 'confirmingCancel',
            actions: [
              assign({ sessionId: ({ context, event }) => context.sessions[readNumbers(event.text, context.sessions.length)![0]! - 1]!.id }),
              reply((context) => cancelConfirmReply(selected(context)!)),
            ],
          },
          {
            target: 'loadingOverview',
            actions: assign({ sessionId: ({ context, event }) => context.sessions[readNumbers(event.text, context.sessions.length)![0]! - 1]!.id }),
          },
        ],
      },
    },
    askingNewWhen: {
      on: {
        TEXT: [
          { guard: ({ event }) => readDateTime(event.text) !== null, target: 'rescheduling', actions: assign({ draft: ({ context, event }) => ({ ...context.draft, startsLocal: readDateTime(event.text)! }) }) },
          { actions: reply(() => line('facilitator.create.badWhen')) },
        ],
      },
    },
    rescheduling: {
      tags: ['busy'],
      invoke: {
        src: 'rescheduleSession',
        input: ({ context }) => ({ ...chat(context), sessionId: context.sessionId ?? 0, startsLocal: context.draft.startsLocal }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'schedule',
            actions: reply((_, event) => scheduleMenuReply({ key: 'facilitator.reschedule.done', params: { when: (event as unknown as { output: { when?: string } }).output.when ?? '' } })),
          },
          {
            guard: ({ event }) => !event.output.ok && (event.output.problem === 'in-past' || event.output.problem === 'bad-time'),
            target: 'askingNewWhen',
            actions: reply((_, event) => problemReply((event as unknown as { output: { problem: 'in-past' } }).output.problem)),
          },
          { target: 'schedule', actions: reply((_, event) => problemReply((event as unknown as { output: { problem: 'not-found' } }).output.problem)) },
        ],
        onError: { target: 'menu', actions: errorReply },
      },
    },
    confirmingCancel: {
      on: {
        TEXT: [
          { guard: { type: 'picked', params: { n: 1 } }, target: 'cancelling' },
          { guard: { type: 'picked', params: { n: 2 } }, target: 'schedule', actions: reply(() => scheduleMenuReply()) },
          { actions: chooseNumber },
        ],
      },
    },
    cancelling: {
      tags: ['busy'],
      invoke: {
        src: 'cancelSession',
        input: ({ context }) => ({ ...chat(context), sessionId: context.sessionId ?? 0 }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'schedule', actions: reply(() => scheduleMenuReply({ key: 'facilitator.cancel.done' })) },
          { target: 'schedule', actions: reply((_, event) => problemReply((event as unknown as { output: { problem: 'not-found' } }).output.problem)) },
        ],
        onError: { target: 'menu', actions: errorReply },
      },
    },

    loadingOverview: {
      tags: ['busy'],
      invoke: {
        src: 'sessionOverview',
        input: ({ context }) => ({ ...chat(context), sessionId: context.sessionId ?? 0 }),
        onDone: [
          { guard: ({ event }) => event.output === null, target: 'menu', actions: reply(() => menuReply({ key: 'facilitator.problem.not-found' })) },
          {
            target: 'markingAttendance',
            actions: [
              assign({ invitees: ({ event }) => (event.output?.invitees ?? []).map((invitee) => invitee.invitationId) }),
              reply((_, event) => {
                const output = (event as unknown as { output: NonNullable<OverviewOutput> }).output;
                return overviewReply(output, output.invitees);
              }),
            ],
          },
        ],
        onError: { target: 'menu', actions: errorReply },
      },
    },
    markingAttendance: {
      on: {
        TEXT: [
          { guard: ({ context, event }) => context.invitees.length === 0 || readNumbers(event.text, context.invitees.length) === null, actions: reply(() => line('facilitator.overview.bad')) },
          { target: 'savingAttendance' },
        ],
      },
    },
    savingAttendance: {
      tags: ['busy'],
      invoke: {
        src: 'markAttendance',
        input: ({ context, event }) => ({
          ...chat(context),
          sessionId: context.sessionId ?? 0,
          present: (readNumbers(textOf(event), context.invitees.length) ?? []).map((n) => context.invitees[n - 1]!),
        }),
        onDone: { target: 'loadingOverview', actions: reply((_, event) => line('facilitator.overview.saved', { count: (event as unknown as { output: { marked: number } }).output.marked })) },
        onError: { target: 'menu', actions: errorReply },
      },
    },

    askingAnnouncement: {
      on: {
        TEXT: [
          { guard: ({ event }) => event.text.length > MAX_ANNOUNCEMENT_LENGTH, actions: reply(() => line('facilitator.announce.tooLong', { max: MAX_ANNOUNCEMENT_LENGTH })) },
          { target: 'previewing', actions: assign({ announcement: ({ event }) => event.text.trim() }) },
        ],
      },
    },
    previewing: {
      tags: ['busy'],
      invoke: {
        src: 'previewAnnouncement',
        input: ({ context }) => ({ ...chat(context), groupId: context.groupId ?? 0 }),
        onDone: { target: 'confirmingAnnouncement', actions: [assign({ preview: ({ event }) => event.output }), reply((context) => previewReply(context))] },
        onError: { target: 'menu', actions: errorReply },
      },
    },
    confirmingAnnouncement: {
      on: {
        TEXT: [
          { guard: { type: 'picked', params: { n: 1 } }, target: 'sendingAnnouncement' },
          { guard: { type: 'picked', params: { n: 2 } }, target: 'menu', actions: [assign({ announcement: '', preview: null }), reply(() => menuReply({ key: 'facilitator.cancelled' }))] },
          { actions: chooseNumber },
        ],
      },
    },
    sendingAnnouncement: {
      tags: ['busy'],
      invoke: {
        src: 'sendAnnouncement',
        input: ({ context }) => ({
          ...chat(context),
          groupId: context.groupId ?? 0,
          text: context.announcement,
        }),
        onDone: { target: 'menu', actions: [assign({ announcement: '', preview: null }), reply((_, event) => menuReply({ key: 'facilitator.announce.done', params: { count: (event as unknown as { output: SendAnnouncementOutput }).output.queued } }))] },
        onError: { target: 'menu', actions: errorReply },
      },
    },

    loadingRecap: {
      tags: ['busy'],
      invoke: {
        src: 'reportRecap',
        input: ({ context }) => chat(context),
        // Names shown in the recap live only in the reply, never in the stored conversation.
        onDone: { target: 'menu', actions: [reply((_, event) => (event as unknown as { output: ReportRecapOutput }).output), reply(() => menuReply())] },
        onError: { target: 'menu', actions: errorReply },
      },
    },

    leaving: {
      tags: ['busy'],
      invoke: {
        src: 'unlinkChat',
        input: ({ context }) => chat(context),
        onDone: { target: 'left', actions: reply(() => line('facilitator.left')) },
        onError: { target: 'menu', actions: errorReply },
      },
    },
    // The chat is no longer a facilitator's: the engine's router gives its next message to the KPM assistant.
    left: {
      on: { TEXT: { target: 'menu', actions: reply(() => menuReply()) } },
    },
  },
});
