import type { MessageSpec } from './message-spec.js';
import type { SkipReason } from './skip-reason.js';
import type { TargetSpec } from './target.js';

/** Whose KPM a caller may reach: every KPM (operators, admins) or those in their groups (facilitators). */
export type Scope = 'all' | { groupIds: number[] };

export interface EnqueueInput {
  /** 'broadcast' | 'rule' | anything a caller owns ('session-invite', 'session-notice', ...). */
  sourceKind: string;
  sourceId: number;
  /** Which occurrence of the source: one send per (source, occurrence, KPM). */
  occurrenceKey: string;
  target: TargetSpec;
  message: MessageSpec;
  scope?: Scope;
  /** Not sent before this instant (quiet hours may move it later). Default: now. */
  notBefore?: Date;
  /** 'bulk' (default): the outbox's low-priority lane; 'normal': beside conversation replies. */
  priority?: 'bulk' | 'normal';
}

export interface EnqueueResult {
  queued: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** Already sent or queued for this (source, occurrence): nothing new. */
  alreadyQueued: number;
}

export interface Preview {
  /** KPM who will get it. */
  reach: number;
  leftOut: Partial<Record<SkipReason, number>>;
  byChannel: Record<string, number>;
}

export interface Progress {
  total: number;
  queued: number;
  sent: number;
  /** Sent with delivery unknown: handed to the platform when its sender stopped, not sent twice. */
  unconfirmed: number;
  delivered: number;
  read: number;
  failed: number;
  skipped: Partial<Record<SkipReason, number>>;
}
