import type { Prisma } from '../storage/generated/client.js';

/** What was disclosed or changed. Every disclosure of a recipient's data is one of these. */
export type AuditAction =
  | 'disclose.eligibility'
  | 'disclose.status'
  | 'link'
  | 'unlink'
  /** The person had this chat's data erased ("hapus data saya"). */
  | 'erase'
  /** A verified KPM was told which business programs and months they may report on (and which they did). */
  | 'disclose.business-report'
  /** A KPM sent (or replaced) a monthly business report; details name it, never its figures. */
  | 'business-report.submit'
  /** A staff member opened a KPM's business reports (dashboard). */
  | 'staff.view.business-report'
  // Dashboard (channel 'dashboard', chatId the staff username, staffUserId set):
  | 'staff.login'
  | 'staff.logout'
  | 'staff.view.recipient'
  | 'staff.search.recipients'
  | 'staff.reveal.nik'
  | 'staff.import'
  | 'staff.stage.change'
  | 'staff.export'
  | 'staff.audit.export'
  | 'staff.password.change'
  | 'user.create'
  | 'user.disable'
  | 'user.enable'
  | 'user.reset-password'
  | 'group.create'
  | 'group.update'
  | 'group.members'
  | 'group.facilitators'
  // Facilitators and mentoring sessions (chat: channel/chatId of the linked chat; dashboard: 'dashboard'):
  | 'facilitator.link-code'
  | 'facilitator.link'
  | 'facilitator.unlink'
  | 'session.create'
  | 'session.reschedule'
  | 'session.cancel'
  | 'session.view'
  | 'session.attendance'
  | 'session.export'
  | 'session.rsvp'
  | 'broadcast.send'
  /** A regency's minimum wage (UMK) set or changed; details hold the figure before and after. */
  | 'staff.wage.change'
  /** Business reports of many KPM shown (Laporan usaha table, a group's month, a facilitator's Rekap laporan in chat). */
  | 'staff.view.business-reports'
  /** A business report photo opened full size (thumbnails come with the audited KPM page). */
  | 'staff.view.business-report-photo'
  | 'staff.export.business-reports'
  // Proactive messages (src/proactive):
  | 'proactive.opt-out'
  | 'proactive.opt-in'
  | 'broadcast.create'
  | 'broadcast.confirm'
  | 'broadcast.cancel'
  | 'rule.create'
  | 'rule.cancel'
  /** A reminder rule paused or resumed (dashboard Pengingat). */
  | 'rule.pause'
  | 'rule.resume'
  /** A rule's occurrence sent nothing: none of its groups is its owner's any more (the scheduler). */
  | 'rule.skip'
  /** An operator set or cleared a regency's quiet hours (dashboard Jam tenang). */
  | 'quiet-hours.set'
  | 'quiet-hours.clear';

export interface AuditEntry {
  action: AuditAction;
  channel: string;
  chatId: string;
  recipientId: number | null;
  /** The dashboard user who acted; absent for the bot's own disclosures. */
  staffUserId?: number | null;
  /** Facts about the disclosure (e.g. which programs), never the data itself. */
  details?: Prisma.InputJsonValue;
}

/** Writes one audit entry inside the caller's transaction, so it lands exactly when the disclosure does. */
export async function writeAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      action: entry.action,
      channel: entry.channel,
      chatId: entry.chatId,
      recipientId: entry.recipientId,
      staffUserId: entry.staffUserId ?? null,
      ...(entry.details === undefined ? {} : { details: entry.details }),
    },
  });
}
