import type { Translate } from '../i18n/create-translator.js';
import { systemClock, type Clock } from '../outbox/clock.js';
import type { Database } from '../storage/database.js';
import { resolveAudience } from './audience.js';
import { cancelBroadcast, confirmBroadcast, createBroadcast, findBroadcast, type BroadcastRow, type CreateBroadcastInput } from './broadcasts.js';
import { writeSends } from './enqueue.js';
import { setOptOut } from './opt-out.js';
import type { ProactiveContext } from './proactive-context.js';
import { loadProgress } from './progress.js';
import { DEFAULT_QUIET_HOURS, type QuietHours } from './quiet-hours.js';
import { loadQuietHours } from './quiet-hours-store.js';
import { cancelRules, createRule, fireDueRules, type CreateRuleInput, type RuleRow } from './rules.js';
import type { TargetSpec } from './target.js';
import type { EnqueueInput, EnqueueResult, Preview, Progress, Scope } from './types.js';

export interface ProactiveOptions {
  db: Pick<Database, 'prisma'>;
  translate: Translate;
  clock?: Clock;
  /** Default quiet hours (21:00–07:00 local); operators override per regency. */
  quietHours?: QuietHours;
  /** A rule fire found later than this is skipped. Default 10 minutes. */
  lateToleranceMs?: number;
}

export interface Proactive {
  /** The default quiet hours (operators override them per regency). */
  readonly quietHours: QuietHours;
  enqueue(input: EnqueueInput): Promise<EnqueueResult>;
  preview(target: TargetSpec, scope: Scope): Promise<Preview>;
  createBroadcast(input: CreateBroadcastInput, scope: Scope): Promise<BroadcastRow>;
  confirmBroadcast(id: number, scope: Scope, staffUserId?: number | null): Promise<{ broadcast: BroadcastRow | null; enqueued: EnqueueResult | null }>;
  cancelBroadcast(id: number, staffUserId?: number | null): Promise<{ cancelled: boolean; stopped: number }>;
  findBroadcast(id: number): Promise<BroadcastRow | null>;
  progress(broadcastId: number): Promise<Progress>;
  sourceProgress(sourceKind: string, sourceId: number): Promise<Progress>;
  createRule(input: CreateRuleInput): Promise<RuleRow>;
  cancelRule(id: number): Promise<number>;
  cancelRules(owner: { ownerKind: string; ownerId: string }): Promise<number>;
  fireDueRules(): Promise<{ fired: number; skippedLate: number; queued: number }>;
  setOptOut(chat: { channel: string; chatId: string }, optedOut: boolean): Promise<{ changed: boolean }>;
  /** Quiet hours per regency: operator overrides over the configured default (read now). */
  quietHoursFor(): Promise<(regency: string) => QuietHours>;
}

/** The proactive-message services (see index.ts for the API and its guarantees). */
export function createProactive(options: ProactiveOptions): Proactive {
  const context: ProactiveContext = {
    db: options.db,
    translate: options.translate,
    clock: options.clock ?? systemClock,
    quietHoursFor: () => loadQuietHours(options.db, options.quietHours ?? DEFAULT_QUIET_HOURS),
    lateToleranceMs: options.lateToleranceMs ?? 10 * 60_000,
  };
  const now = () => new Date(context.clock.now());
  return {
    quietHours: options.quietHours ?? DEFAULT_QUIET_HOURS,
    async enqueue(input) {
      const quietHoursFor = await context.quietHoursFor();
      return options.db.prisma.$transaction(async (tx) => {
        const audience = await resolveAudience(tx, input.target, input.scope ?? 'all');
        return writeSends(tx, {
          sourceKind: input.sourceKind, sourceId: input.sourceId, occurrenceKey: input.occurrenceKey, audience,
          message: input.message, notBefore: input.notBefore ?? now(), lane: input.priority === 'normal' ? 0 : 1,
          translate: context.translate, quietHoursFor,
        });
      }, { timeout: 300_000, maxWait: 30_000 });
    },
    async preview(target, scope) {
      const audience = await resolveAudience(options.db.prisma, target, scope);
      const preview: Preview = { reach: 0, leftOut: {}, byChannel: {} };
      for (const member of audience) {
        if (member.reason) preview.leftOut[member.reason] = (preview.leftOut[member.reason] ?? 0) + 1;
        else {
          preview.reach += 1;
          preview.byChannel[member.channel!] = (preview.byChannel[member.channel!] ?? 0) + 1;
        }
      }
      return preview;
    },
    createBroadcast: (input, scope) => createBroadcast(context, input, scope),
    confirmBroadcast: (id, scope, staffUserId = null) => confirmBroadcast(context, id, scope, staffUserId),
    cancelBroadcast: (id, staffUserId = null) => cancelBroadcast(context, id, staffUserId),
    findBroadcast: (id) => findBroadcast(options.db, id),
    progress: (id) => loadProgress(options.db, 'broadcast', id),
    sourceProgress: (kind, id) => loadProgress(options.db, kind, id),
    createRule: (input) => createRule(context, input),
    cancelRule: (id) => cancelRules(context, { id }),
    cancelRules: (owner) => cancelRules(context, owner),
    fireDueRules: () => fireDueRules(context),
    setOptOut: (chat, optedOut) => setOptOut(options.db, { ...chat, optedOut, now: now() }),
    quietHoursFor: () => context.quietHoursFor(),
  };
}
