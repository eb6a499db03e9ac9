import type { Language } from '../../../flows/kpm-assistant/contract.js';
import { formatTanggal } from '../../i18n/format-tanggal.js';

const TIMES: Record<Language, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }),
};

/** A moment in WIB, the province's time. */
export function formatMoment(at: Date, language: Language): string {
  return `${TIMES[language].format(at)} WIB`;
}

/** A calendar date (stored as UTC midnight). */
export function formatDay(day: Date, language: Language): string {
  return formatTanggal(day.toISOString().slice(0, 10), language);
}

/** A chat id (a WhatsApp id is a phone number): only its end is shown. */
export function maskChatId(chatId: string): string {
  return chatId.length <= 4 ? '****' : `****${chatId.slice(-4)}`;
}

/** A phone number with only the last three digits shown. */
export function maskPhone(phone: string | null): string {
  if (!phone) return '—';
  return `${phone.slice(0, 3)}******${phone.slice(-3)}`;
}

/** An audit action's label (locale keys use _ where the action has dots). */
export function actionLabel(t: (key: string, values?: Record<string, string>) => string, action: string): string {
  return t(`actions.${action.replace(/\./g, '_')}`, { defaultValue: action });
}
