import type { Translate } from '../i18n/create-translator.js';
import { systemClock, type Clock } from '../outbox/clock.js';
import type { Database } from '../storage/database.js';
import { audienceQuery } from './audience.js';
import { cancelBroadcast, confirmBroadcast, createBroadcast, enqueueDueBroadcasts, findBroadcast, type BroadcastRow, type ConfirmResult, type CreateBroadcastInput } from './broadcasts.js';
import { enqueueTarget } from './enqueue.js';
import { setOptOut } from './opt-out.js';
import type { ProactiveContext } from './proactive-context.js';
import { loadProgress } from './progress.js';
import { DEFAULT_QUIET_HOURS, type QuietHours } from './quiet-hours.js';
import { loadQuietHoursTable, quietHoursOf } from './quiet-hours-store.js';
import { cancelRules, createRule, fireDueRules, type CreateRuleInput, type RuleRow } from './rules.js';
import type { SkipReason } from './skip-reason.js';
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
  confirmBroadcast(id: number, scope: Scope, staffUserId?: number | null): Promise<ConfirmResult>;
  /** Queues the broadcasts confirmed for a later time whose time has come (a job of the scheduler). */
  enqueueDueBroadcasts(): Promise<{ broadcasts: number; queued: number }>;
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
    quietHours: () => loadQuietHoursTable(options.db, options.quietHours ?? DEFAULT_QUIET_HOURS),
    lateToleranceMs: options.lateToleranceMs ?? 10 * 60_000,
  };
  const now = () => new Date(context.clock.now());
  return {
    quietHours: options.quietHours ?? DEFAULT_QUIET_HOURS,
    async enqueue(input) {
      const quietHours = await context.quietHours();
      return options.db.prisma.$transaction((tx) => enqueueTarget(tx, {
        sourceKind: input.sourceKind, sourceId: input.sourceId, occurrenceKey: input.occurrenceKey,
        target: input.target, scope: input.scope ?? 'all',
        message: input.message, notBefore: input.notBefore ?? now(), lane: input.priority === 'normal' ? 0 : 1,
        translate: context.translate, quietHours,
      }), { timeout: 300_000, maxWait: 30_000 });
    },
    async preview(target, scope) {
      // Counted in the database: 100,000 KPM come back as a handful of rows.
      const rows = await options.db.prisma.$queryRaw<Array<{ reason: SkipReason | null; channel: string | null; n: number }>>`
        SELECT a.reason, CASE WHEN a.reason IS NULL THEN a.channel END AS channel, count(*)::int AS n
        FROM (${audienceQuery(target, scope)}) a GROUP BY 1, 2`;
      const preview: Preview = { reach: 0, leftOut: {}, byChannel: {} };
      for (const row of rows) {
        if (row.reason) preview.leftOut[row.reason] = (preview.leftOut[row.reason] ?? 0) + row.n;
        else {
          preview.reach += row.n;
          preview.byChannel[row.channel!] = (preview.byChannel[row.channel!] ?? 0) + row.n;
        }
      }
      return preview;
    },
    createBroadcast: (input, scope) => createBroadcast(context, input, scope),
    confirmBroadcast: (id, scope, staffUserId = null) => confirmBroadcast(context, id, scope, staffUserId),
    enqueueDueBroadcasts: () => enqueueDueBroadcasts(context),
    cancelBroadcast: (id, staffUserId = null) => cancelBroadcast(context, id, staffUserId),
    findBroadcast: (id) => findBroadcast(options.db, id),
    progress: (id) => loadProgress(options.db, 'broadcast', id),
    sourceProgress: (kind, id) => loadProgress(options.db, kind, id),
    createRule: (input) => createRule(context, input),
    cancelRule: (id) => cancelRules(context, { id }),
    cancelRules: (owner) => cancelRules(context, owner),
    fireDueRules: () => fireDueRules(context),
    setOptOut: (chat, optedOut) => setOptOut(options.db, { ...chat, optedOut, now: now() }),
    async quietHoursFor() {
      const table = await context.quietHours();
      return (regency) => quietHoursOf(table, regency);
    },
  };
}
