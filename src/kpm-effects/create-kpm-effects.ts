import { fromPromise } from 'xstate';
import type {
  LoadContactInput,
  LoadContactOutput,
  EraseChatDataInput,
  LoadEligibilityInput,
  LoadEligibilityOutput,
  LoadStatusInput,
  LoadStatusOutput,
  SetRemindersInput,
  SetRemindersOutput,
  UnlinkInput,
  VerificationGateInput,
  VerificationGateOutput,
  VerifyIdentityInput,
  VerifyIdentityOutput,
} from '../../flows/kpm-assistant/contract.js';
import { writeAudit } from '../audit/write-audit.js';
import { matchName } from '../domain/names/match-name.js';
import { hashNik } from '../domain/nik/hash-nik.js';
import { stripNikSeparators } from '../domain/nik/strip-nik-separators.js';
import type { TurnScope } from '../engine/flow-binding.js';
import { turnScopeOf } from '../engine/turn-scope.js';
import { chatStanding, nikSlowedUntil, recordAttempt, type AttemptLimits } from './attempt-limits.js';
import { contactFor } from './contact-for.js';
import { timeZoneOfNik, toLocalTime } from '../domain/local-time.js';
import { eraseChatData } from './erase-chat-data.js';
import { applyOptOut } from '../proactive/opt-out.js';
import { eligibilitySummary, statusView } from './recipient-views.js';
import { samePhone } from './same-phone.js';

export interface KpmEffectsConfig {
  /** Keys the NIK hash kept with verification attempts. */
  nikHashSecret: string;
  limits: AttemptLimits;
  /** The clock limits are measured with (tests move it; production leaves it unset). */
  now?: () => Date;
}

/**
 * The KPM assistant's effects over the database, each run on its turn's transaction. Linking a
 * chat to a recipient is the flow's context (`recipientId`), which the engine stores with the
 * conversation; these effects verify, disclose and audit.
 *
 * Built once per process: each effect finds its turn through its actor system
 * (`turnScopeOf`), unless `fixedScope` is given (tests running one effect on its own).
 */
export function createKpmEffects(config: KpmEffectsConfig, fixedScope?: TurnScope) {
  const now = () => config.now?.() ?? new Date();
  const scopeOf = (system: object): TurnScope => fixedScope ?? turnScopeOf(system);

  /** The chat's lock, said in the zone of the KPM it is linked to (else the province's). */
  async function lockedOutput(scope: TurnScope, chat: { channel: string; chatId: string; recipientId: number | null }, until: Date) {
    const { tx } = scope;
    const linked = chat.recipientId === null ? null : await tx.recipient.findUnique({ where: { id: chat.recipientId }, select: { nik: true } });
    return { until: toLocalTime(until, timeZoneOfNik(linked?.nik)), contact: await contactFor(tx, chat.recipientId, scope.reads) };
  }

  return {
    verificationGate: fromPromise<VerificationGateOutput, VerificationGateInput>(async ({ input, system }) => {
      const scope = scopeOf(system);
      const standing = await chatStanding(scope.tx, config.limits, input, now());
      if (standing.until === null) return { locked: false };
      return { locked: true, ...(await lockedOutput(scope, input, standing.until)) };
    }),

    verifyIdentity: fromPromise<VerifyIdentityOutput, VerifyIdentityInput>(async ({ input, system }) => {
      const scope = scopeOf(system);
      const { tx } = scope;
      const at = now();
      const standing = await chatStanding(tx, config.limits, input, at);
      if (standing.until !== null) return { outcome: 'locked', ...(await lockedOutput(scope, input, standing.until)) };
      const nikHash = hashNik(input.nik, config.nikHashSecret);
      const recipient = await tx.recipient.findUnique({ where: { nik: input.nik }, select: { id: true, fullName: true, phone: true, kkNumber: true } });

      let verified: boolean;
      let factor: 'phone' | 'name' | 'kk';
      if (input.kk !== undefined) {
        // The KK number is never slowed: it is the owner's way in while names are.
        factor = 'kk';
        verified = recipient?.kkNumber != null && recipient.kkNumber === stripNikSeparators(input.kk);
      } else {
        // The platform vouches for the sender's phone (WhatsApp): equal to the registered one, it is the second factor.
        const phone = scope.message.sender?.phone;
        const phoneMatches = Boolean(recipient?.phone && phone && samePhone(phone, recipient.phone));
        if (!phoneMatches) {
          // Counted on the NIK's hash whether or not the NIK exists, so "slowed" reveals nothing about it.
          const slowedUntil = await nikSlowedUntil(tx, config.limits, nikHash, at);
          if (slowedUntil) return { outcome: 'slowed', until: toLocalTime(slowedUntil, timeZoneOfNik(input.nik)) };
          if (input.name === undefined) return { outcome: 'need-name' };
        }
        factor = phoneMatches ? 'phone' : 'name';
        verified = phoneMatches || (recipient !== null && matchName(input.name ?? '', recipient.fullName));
      }

      await recordAttempt(tx, input, nikHash, verified, at);
      const summary = verified && recipient ? await eligibilitySummary(tx, recipient.id) : null;
      if (!recipient || !summary) {
        const after = await chatStanding(tx, config.limits, input, at);
        if (after.until !== null) return { outcome: 'locked', ...(await lockedOutput(scope, input, after.until)) };
        return { outcome: 'rejected', attemptsLeft: after.left };
      }
      await writeAudit(tx, { action: 'link', channel: input.channel, chatId: input.chatId, recipientId: recipient.id, details: { factor } });
      await writeAudit(tx, { action: 'disclose.eligibility', channel: input.channel, chatId: input.chatId, recipientId: recipient.id, details: { programs: summary.enrolments.map((e) => e.programCode) } });
      return { outcome: 'verified', summary };
    }),
    loadEligibility: fromPromise<LoadEligibilityOutput, LoadEligibilityInput>(async ({ input, system }) => {
      const { tx } = scopeOf(system);
      const summary = await eligibilitySummary(tx, input.recipientId);
      if (summary) {
        await writeAudit(tx, { action: 'disclose.eligibility', channel: input.channel, chatId: input.chatId, recipientId: input.recipientId, details: { programs: summary.enrolments.map((e) => e.programCode) } });
      }
      return summary;
    }),

    loadStatus: fromPromise<LoadStatusOutput, LoadStatusInput>(async ({ input, system }) => {
      const { tx } = scopeOf(system);
      const status = await statusView(tx, input.recipientId);
      if (status) {
        await writeAudit(tx, { action: 'disclose.status', channel: input.channel, chatId: input.chatId, recipientId: input.recipientId, details: { programs: status.programs.map((p) => p.programCode) } });
      }
      return status;
    }),

    unlinkChat: fromPromise<void, UnlinkInput>(async ({ input, system }) => {
      const { tx } = scopeOf(system);
      const conversation = await tx.conversation.findUnique({ where: { channel_chatId: { channel: input.channel, chatId: input.chatId } }, select: { recipientId: true } });
      await writeAudit(tx, { action: 'unlink', channel: input.channel, chatId: input.chatId, recipientId: conversation?.recipientId ?? null });
    }),

    loadContact: fromPromise<LoadContactOutput, LoadContactInput>(async ({ input, system }) => {
      const scope = scopeOf(system);
      return contactFor(scope.tx, input.recipientId, scope.reads);
    }),
    eraseChatData: fromPromise<void, EraseChatDataInput>(({ input, system }) => eraseChatData(scopeOf(system), input)),
    setReminders: fromPromise<SetRemindersOutput, SetRemindersInput>(({ input, system }) =>
      applyOptOut(scopeOf(system).tx, { channel: input.channel, chatId: input.chatId, optedOut: input.optedOut, now: now() })),
  };
}
