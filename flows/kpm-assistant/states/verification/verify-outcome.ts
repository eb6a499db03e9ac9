import { isLinked } from '../../context.js';
import type { EligibilitySummary, VerifyIdentityOutput } from '../../contract.js';
import { eligibilityReply } from '../../replies/eligibility-reply.js';
import { errorReply } from '../../replies/simple-replies.js';
import { lockedReply, rejectedFinalReply, rejectedReply, slowedReply } from '../../replies/verification-replies.js';
import type { KpmContext } from '../../context.js';

const MENU = '#kpm-assistant.menu.shown';

/** What an `onDone` of verifyIdentity is called with (the part these transitions read). */
interface Done {
  context: KpmContext;
  event: { output: VerifyIdentityOutput };
}

function verifiedSummary(output: VerifyIdentityOutput): EligibilitySummary | null {
  return output.outcome === 'verified' ? output.summary : null;
}

const linkRecipient = {
  type: 'linkRecipient',
  params: ({ event }: Done) => ({ recipientId: verifiedSummary(event.output)?.recipientId ?? null }),
} as const;

/**
 * Where a verifyIdentity answer leads, shared by the NIK and the name checks. Verified: link,
 * then the status (if that was asked) or the summary. Rejected: the same words whatever the
 * cause, with a retry while attempts are left (per chat). Locked: this chat's lock message.
 * Slowed (name checks on this NIK paused): the KK number is asked instead — except after a KK
 * check (`offerKk: false`), where it has no sensible answer and falls through to the caller's.
 */
export function onVerifyOutcome(options: { offerKk: boolean } = { offerKk: true }) {
  const slowed = {
    guard: ({ event }: Done) => event.output.outcome === 'slowed',
    target: 'askingKk',
    actions: {
      type: 'reply',
      params: ({ event }: Done) => slowedReply(event.output.outcome === 'slowed' ? event.output.until : ''),
    },
  } as const;
  return [
    ...(options.offerKk ? [slowed] : []),
    {
      guard: ({ context, event }: Done) => event.output.outcome === 'verified' && context.intent === 'status',
      target: '#kpm-assistant.loadingStatus',
      actions: linkRecipient,
    },
    {
      guard: ({ context, event }: Done) => event.output.outcome === 'verified' && context.intent === 'report',
      target: '#kpm-assistant.reportingProgress',
      actions: linkRecipient,
    },
    {
      guard: ({ event }: Done) => event.output.outcome === 'verified',
      target: MENU,
      actions: [
        linkRecipient,
        {
          type: 'reply',
          params: ({ context, event }: Done) => {
            const summary = verifiedSummary(event.output);
            return summary ? eligibilityReply(summary, true) : errorReply(isLinked(context));
          },
        },
      ],
    },
    {
      guard: ({ event }: Done) => event.output.outcome === 'rejected' && event.output.attemptsLeft > 0,
      target: '#kpm-assistant.rejected',
      actions: {
        type: 'reply',
        params: ({ event }: Done) => rejectedReply(event.output.outcome === 'rejected' ? event.output.attemptsLeft : 0),
      },
    },
    {
      guard: ({ event }: Done) => event.output.outcome === 'rejected',
      target: MENU,
      actions: { type: 'reply', params: ({ context }: Done) => rejectedFinalReply(isLinked(context)) },
    },
    {
      guard: ({ event }: Done) => event.output.outcome === 'locked',
      target: MENU,
      actions: {
        type: 'reply',
        params: ({ context, event }: Done) =>
          event.output.outcome === 'locked'
            ? lockedReply(isLinked(context), event.output.until, event.output.contact)
            : errorReply(isLinked(context)),
      },
    },
  ] as const;
}
