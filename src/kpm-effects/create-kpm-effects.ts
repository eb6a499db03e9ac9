import { fromPromise } from 'xstate';
import type {
  EraseChatDataInput,
  LoadEligibilityInput,
  LoadEligibilityOutput,
  LoadStatusInput,
  LoadStatusOutput,
  UnlinkInput,
  VerificationGateInput,
  VerificationGateOutput,
  VerifyIdentityInput,
  VerifyIdentityOutput,
} from '../../flows/kpm-assistant/contract.js';
import { writeAudit } from '../audit/write-audit.js';
import { matchName } from '../domain/names/match-name.js';
import { hashNik } from '../domain/nik/hash-nik.js';
import type { TurnScope } from '../engine/flow-binding.js';
import { recordAttempt, remainingAttempts, type AttemptLimits } from './attempt-limits.js';
import { eraseChatData } from './erase-chat-data.js';
import { eligibilitySummary, statusView } from './recipient-views.js';
import { samePhone } from './same-phone.js';

export interface KpmEffectsConfig {
  /** Keys the NIK hash kept with verification attempts. */
  nikHashSecret: string;
  limits: AttemptLimits;
}

/**
 * The KPM assistant's effects over the database, bound to one turn's transaction. Linking a
 * chat to a recipient is the flow's context (`recipientId`), which the engine stores with the
 * conversation; these effects verify, disclose and audit.
 */
export function createKpmEffects(config: KpmEffectsConfig, scope: TurnScope) {
  const { tx } = scope;
  return {
    verificationGate: fromPromise<VerificationGateOutput, VerificationGateInput>(async ({ input }) => ({
      locked: (await remainingAttempts(tx, config.limits, input)) === 0,
    })),

    verifyIdentity: fromPromise<VerifyIdentityOutput, VerifyIdentityInput>(async ({ input }) => {
      const nikHash = hashNik(input.nik, config.nikHashSecret);
      if ((await remainingAttempts(tx, config.limits, input, nikHash)) === 0) return { outcome: 'locked' };
      const recipient = await tx.recipient.findUnique({ where: { nik: input.nik }, select: { id: true, fullName: true, phone: true } });

      let verified: boolean;
      if (input.name === undefined) {
        // The platform vouches for the sender's phone (WhatsApp): equal to the registered one, it is the second factor.
        const phone = scope.message.sender?.phone;
        if (!(recipient?.phone && phone && samePhone(phone, recipient.phone))) return { outcome: 'need-name' };
        verified = true;
      } else {
        verified = recipient !== null && matchName(input.name, recipient.fullName);
      }

      await recordAttempt(tx, input, nikHash, verified);
      if (!verified || !recipient) {
        const attemptsLeft = await remainingAttempts(tx, config.limits, input, nikHash);
        return attemptsLeft === 0 ? { outcome: 'locked' } : { outcome: 'rejected', attemptsLeft };
      }
      const summary = await eligibilitySummary(tx, recipient.id);
      if (!summary) return { outcome: 'rejected', attemptsLeft: await remainingAttempts(tx, config.limits, input, nikHash) };
      await writeAudit(tx, { action: 'link', channel: input.channel, chatId: input.chatId, recipientId: recipient.id, details: { factor: input.name === undefined ? 'phone' : 'name' } });
      await writeAudit(tx, { action: 'disclose.eligibility', channel: input.channel, chatId: input.chatId, recipientId: recipient.id, details: { programs: summary.enrolments.map((e) => e.programCode) } });
      return { outcome: 'verified', summary };
    }),

    loadEligibility: fromPromise<LoadEligibilityOutput, LoadEligibilityInput>(async ({ input }) => {
      const summary = await eligibilitySummary(tx, input.recipientId);
      if (summary) {
        await writeAudit(tx, { action: 'disclose.eligibility', channel: input.channel, chatId: input.chatId, recipientId: input.recipientId, details: { programs: summary.enrolments.map((e) => e.programCode) } });
      }
      return summary;
    }),

    loadStatus: fromPromise<LoadStatusOutput, LoadStatusInput>(async ({ input }) => {
      const status = await statusView(tx, input.recipientId);
      if (status) {
        await writeAudit(tx, { action: 'disclose.status', channel: input.channel, chatId: input.chatId, recipientId: input.recipientId, details: { programs: status.programs.map((p) => p.programCode) } });
      }
      return status;
    }),

    unlinkChat: fromPromise<void, UnlinkInput>(async ({ input }) => {
      const conversation = await tx.conversation.findUnique({ where: { channel_chatId: { channel: input.channel, chatId: input.chatId } }, select: { recipientId: true } });
      await writeAudit(tx, { action: 'unlink', channel: input.channel, chatId: input.chatId, recipientId: conversation?.recipientId ?? null });
    }),

    eraseChatData: fromPromise<void, EraseChatDataInput>(({ input }) => eraseChatData(scope, input)),
  };
}
