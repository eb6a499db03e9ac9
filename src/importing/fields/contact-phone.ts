import { accept, refuse, type FieldResult } from './field.js';
import { withoutTextMark } from './without-text-mark.js';

/**
 * A service number as people dial it: a landline with its area code ("(0254) 200-123"), a
 * hotline ("1500-771") or a mobile. Kept as written (tidied), since that is how it is read
 * out; only what no phone number can be is refused.
 */
export function contactPhone(raw: string): FieldResult<string> {
  const text = withoutTextMark(raw).replace(/\s+/g, ' ').trim();
  const digits = text.replace(/\D/g, '').length;
  if (!/^\+?[\d\s()\-.]+$/.test(text) || digits < 5 || digits > 15) return refuse({ code: 'contact-phone' });
  return accept(text);
}
