import type { Database } from '../../storage/database.js';
import { inboundPerDay, type DayCount } from './inbound-per-day.js';
import { linkedChatsPerChannel, type ChannelChats } from './linked-chats.js';
import { outboxHealth, type OutboxHealth } from './outbox-health.js';
import { programFunnels, type ProgramFunnel } from './program-funnel.js';
import type { RecipientScope } from './recipient-scope.js';

export interface Overview {
  programs: ProgramFunnel[];
  linkedChats: ChannelChats[];
  inboundPerDay: DayCount[];
  outbox: OutboxHealth;
}

/** Everything the Ringkasan page shows, for one reader's scope. */
export async function loadOverview(
  db: Pick<Database, 'prisma'>,
  options: { now: Date; scope?: RecipientScope; days?: number },
): Promise<Overview> {
  const { scope } = options;
  return {
    programs: await programFunnels(db, scope),
    linkedChats: await linkedChatsPerChannel(db, scope),
    inboundPerDay: await inboundPerDay(db, options),
    outbox: await outboxHealth(db, scope),
  };
}
