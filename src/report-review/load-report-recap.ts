import { writeAudit } from '../audit/write-audit.js';
import { monthOf } from '../graduation/report-month.js';
import type { Prisma } from '../storage/generated/client.js';
import { facilitatorReportRecap, type RecapGroup } from './facilitator-recap.js';

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The effect a facilitator chat's *Rekap laporan* calls: this month's recap of the facilitator's
 * groups (month in WIB), audited in the same transaction as 'staff.view.business-reports' with
 * the chat as channel and chat id. Render it with `recapReply(result.groups, result.month)`.
 *
 * @example
 * const { groups, month } = await loadReportRecap(tx, { staffUserId, channel, chatId, now: clock() });
 * reply(recapReply(groups, month));
 */
export async function loadReportRecap(
  tx: Prisma.TransactionClient,
  request: { staffUserId: number; channel: string; chatId: string; now: Date },
): Promise<{ groups: RecapGroup[]; month: { id: string; en: string } }> {
  const period = monthOf(request.now);
  const groups = await facilitatorReportRecap(tx, request.staffUserId, period);
  await writeAudit(tx, {
    action: 'staff.view.business-reports',
    channel: request.channel,
    chatId: request.chatId,
    recipientId: null,
    staffUserId: request.staffUserId,
    details: { month: period, groups: groups.map((group) => group.groupId) },
  });
  const index = Number(period.slice(5, 7)) - 1;
  return { groups, month: { id: `${MONTHS_ID[index]} ${period.slice(0, 4)}`, en: `${MONTHS_EN[index]} ${period.slice(0, 4)}` } };
}
