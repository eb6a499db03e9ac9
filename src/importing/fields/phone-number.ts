import { accept, refuse, type FieldResult } from './field.js';
import { withoutTextMark } from './without-text-mark.js';

/**
 * An Indonesian mobile number in E.164 (+628…). Accepts 08…, 628…, +628… and 8… (Excel drops
 * the leading zero of a number typed as a number), with spaces, dots, dashes or brackets.
 * Only mobile numbers (8 after the country code) can be reached on WhatsApp or Telegram.
 */
export function normalizeIndonesianMobile(raw: string): string | undefined {
  const compact = withoutTextMark(raw).replace(/[\s.\-()]/g, '');
  const national = /^(?:\+62|62|0)?(\d+)$/.exec(compact)?.[1];
  // National significant numbers of Indonesian mobiles are 9 to 12 digits, starting with 8.
  if (!national || !/^8\d{8,11}$/.test(national)) return undefined;
  return `+62${national}`;
}

export function phoneField(raw: string): FieldResult<string> {
  const phone = normalizeIndonesianMobile(raw);
  return phone ? accept(phone) : refuse({ code: 'phone' });
}
