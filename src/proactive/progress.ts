import { OUTSIDE_WINDOW_REASON } from '../channels/whatsapp-cloud/create-cloud-channel.js';
import type { Database } from '../storage/database.js';
import type { SkipReason } from './skip-reason.js';
import type { Progress } from './types.js';

/**
 * Where a source's messages are: one grouped query over its proactive sends and their outbox
 * rows. A message sent with delivery unknown (its sender stopped mid-send) counts as
 * unconfirmed. Left out at enqueue, opted out or cancelled while waiting, blocked, or outside the
 * WhatsApp window without a template count as skipped with that reason.
 */
export async function loadProgress(db: Pick<Database, 'prisma'>, sourceKind: string, sourceId: number): Promise<Progress> {
  const rows = await db.prisma.$queryRaw<Array<{ skip_reason: string | null; status: string | null; delivery_status: string | null; outside: boolean; n: number }>>`
    SELECT s.skip_reason, o.status, o.delivery_status, COALESCE(o.last_error = ${OUTSIDE_WINDOW_REASON}, false) AS outside, count(*)::int AS n
    FROM proactive_send s LEFT JOIN outbound_message o ON o.proactive_send_id = s.id
    WHERE s.source_kind = ${sourceKind} AND s.source_id = ${sourceId}
    GROUP BY 1, 2, 3, 4`;
  const progress: Progress = { total: 0, queued: 0, sent: 0, unconfirmed: 0, delivered: 0, read: 0, failed: 0, skipped: {} };
  const skip = (reason: SkipReason, n: number) => {
    progress.skipped[reason] = (progress.skipped[reason] ?? 0) + n;
  };
  for (const row of rows) {
    progress.total += row.n;
    if (row.skip_reason !== null) skip(row.skip_reason as SkipReason, row.n);
    else if (row.status === 'sent') {
      if (row.delivery_status === 'read') progress.read += row.n;
      else if (row.delivery_status === 'delivered') progress.delivered += row.n;
      else if (row.delivery_status === 'unknown') progress.unconfirmed += row.n;
      else progress.sent += row.n;
    } else if (row.status === 'cancelled') skip('cancelled', row.n);
    else if (row.status === 'skipped') skip('opted-out', row.n);
    else if (row.status === 'blocked') skip('blocked', row.n);
    else if (row.status === 'failed') {
      if (row.outside) skip('outside-window', row.n);
      else progress.failed += row.n;
    } else progress.queued += row.n;
  }
  return progress;
}
