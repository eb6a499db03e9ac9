/**
 * Why a KPM in the target gets no message. Stored in proactive_send.skip_reason and counted in
 * previews and progress; the dashboard translates them (dashboard:broadcasts.reasons.*).
 */
export const SKIP_REASONS = [
  /** Sent BERHENTI (any of their chats). */
  'opted-out',
  /** Their chat blocked the bot. */
  'blocked',
  /** No chat has ever talked to the bot from them (no conversation, none from their phone). */
  'never-chatted',
  /** A chat from their phone talked to the bot but never proved who they are (not linked). */
  'no-linked-chat',
  /** WhatsApp Cloud: outside the 24-hour window and no template for this message. */
  'outside-window',
  /** The broadcast or rule was cancelled before this one went out. */
  'cancelled',
  /**
   * Their group is no longer the owner's when the rule fires or the scheduled broadcast is
   * queued (taken from the facilitator, or their account disabled): src/proactive/owner-scope.ts.
   */
  'outside-owner-groups',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
