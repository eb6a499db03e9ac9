import { todayInJakarta } from '../../importing/fields/calendar-date.js';
import type { Database } from '../../storage/database.js';
import { Prisma } from '../../storage/generated/client.js';
import { andChatInScope, type RecipientScope } from './recipient-scope.js';

export interface DayCount {
  /** YYYY-MM-DD, a WIB day. */
  date: string;
  messages: number;
}

const DAY_MS = 86_400_000;
const WIB_OFFSET_MS = 7 * 3_600_000;

/**
 * Inbound messages per WIB day (Asia/Jakarta: UTC+7 all year) for the last `days` days up to
 * today, oldest first, days without messages included as 0. The date range uses the BRIN
 * index on received_at; a scope counts only chats linked to its KPM.
 */
export async function inboundPerDay(
  db: Pick<Database, 'prisma'>,
  options: { now: Date; days?: number; scope?: RecipientScope },
): Promise<DayCount[]> {
  const days = options.days ?? 30;
  const today = Date.parse(`${todayInJakarta(options.now)}T00:00:00Z`);
  const dates = Array.from({ length: days }, (_, index) => new Date(today - (days - 1 - index) * DAY_MS).toISOString().slice(0, 10));
  const from = new Date(today - (days - 1) * DAY_MS - WIB_OFFSET_MS);
  const until = new Date(today + DAY_MS - WIB_OFFSET_MS);
  const rows = await db.prisma.$queryRaw<{ date: string; messages: number }[]>(Prisma.sql`
    SELECT ((received_at AT TIME ZONE 'UTC') + interval '7 hours')::date::text AS date, count(*)::int AS messages
      FROM inbound_message
     WHERE received_at >= ${from} AND received_at < ${until}
           ${andChatInScope('channel', 'chat_id', options.scope)}
     GROUP BY 1`);
  const byDate = new Map(rows.map((row) => [row.date, row.messages]));
  return dates.map((date) => ({ date, messages: byDate.get(date) ?? 0 }));
}
