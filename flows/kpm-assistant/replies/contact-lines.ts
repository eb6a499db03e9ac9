import type { ContactView, LineSpec } from '../contract.js';

/** Whom to reach, from operator data; without one, a plain pointer to the local Dinas Sosial. */
export function contactLines(contact: ContactView | null): LineSpec[] {
  if (!contact) return [{ key: 'contact.none' }];
  const lines: LineSpec[] = [{ key: 'contact.name', params: { name: contact.name } }];
  if (contact.phone) lines.push({ key: 'contact.phone', params: { phone: contact.phone } });
  if (contact.whatsapp) lines.push({ key: 'contact.whatsapp', params: { whatsapp: contact.whatsapp } });
  if (contact.address) lines.push({ key: 'contact.address', params: { address: contact.address } });
  return lines;
}
