import type { ContactView } from '../../flows/kpm-assistant/contract.js';
import { areaKey, PROVINCE_AREA } from '../domain/regions/contact-area.js';
import type { BatchReads } from '../engine/batch-reads.js';
import type { Prisma } from '../storage/generated/client.js';

/** +6281100009001 → 0811-0000-9001: how people write and dial a mobile number. */
function localMobile(e164: string): string {
  const national = e164.startsWith('+62') ? `0${e164.slice(3)}` : e164;
  return national.replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3');
}

/**
 * The contact a chat is shown: the Dinas Sosial of the linked recipient's regency/city when
 * there is one, otherwise the province's; null when the operator has set neither. Within a
 * batch (`reads`), each area's contact rows are read once for all its chats: the help text
 * ("bantuan") asks for them on every message.
 */
export async function contactFor(tx: Prisma.TransactionClient, recipientId: number | null, reads?: BatchReads): Promise<ContactView | null> {
  const recipient = recipientId === null ? null : await tx.recipient.findUnique({ where: { id: recipientId }, select: { regency: true } });
  const areas = recipient ? [areaKey(recipient.regency), PROVINCE_AREA] : [PROVINCE_AREA];
  const load = () => tx.contact.findMany({ where: { area: { in: areas } } });
  const rows = reads ? await reads.once(`contact:${areas.join('\u0000')}`, load) : await load();
  const row = areas.map((area) => rows.find((candidate) => candidate.area === area)).find((found) => found !== undefined);
  if (!row) return null;
  return { name: row.name, phone: row.phone, whatsapp: row.whatsapp ? localMobile(row.whatsapp) : null, address: row.address };
}
