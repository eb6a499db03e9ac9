import type { Database } from '../../storage/database.js';
import { loadOverview, type Overview } from './load-overview.js';
import type { RecipientScope } from './recipient-scope.js';

export interface CachedOverview extends Overview {
  /** When these figures were computed (the page says "as of"). */
  computedAt: Date;
}

export interface OverviewCacheOptions {
  /** How long the unscoped figures are reused. */
  ttlMs?: number;
  clock?: () => Date;
}

/**
 * The overview for one reader. The unscoped figures (operators, admins) scan the chats and
 * the outbox (the funnel itself is precomputed: program-funnel.ts), tenths of a second at a
 * million KPM, so they are computed at most once per `ttlMs` and shared, concurrent requests
 * included; a scoped overview (a facilitator's groups) is index look-ups and always fresh. A
 * failed computation is not kept.
 */
export function createOverviewCache(db: Pick<Database, 'prisma'>, options: OverviewCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const clock = options.clock ?? (() => new Date());
  let shared: { at: number; value: Promise<CachedOverview> } | undefined;

  const compute = async (scope: RecipientScope): Promise<CachedOverview> => {
    const now = clock();
    return { ...(await loadOverview(db, { now, scope })), computedAt: now };
  };

  return {
    get(scope?: RecipientScope): Promise<CachedOverview> {
      if (scope) return compute(scope);
      const now = clock().getTime();
      if (!shared || now - shared.at >= ttlMs) {
        const value = compute(undefined);
        const entry = { at: now, value };
        shared = entry;
        value.catch(() => {
          if (shared === entry) shared = undefined;
        });
      }
      return shared.value;
    },
  };
}
