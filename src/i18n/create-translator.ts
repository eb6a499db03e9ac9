import { readdirSync, readFileSync } from 'node:fs';
import i18next from 'i18next';
import type { Language } from '../../flows/kpm-assistant/contract.js';
import { formatJam } from './format-jam.js';
import { formatRupiah } from './format-rupiah.js';
import { formatTanggal } from './format-tanggal.js';

/** Interpolation values a translation receives (LocalizedText already resolved). */
export type TranslationValues = Record<string, string | number>;

/**
 * Translates one key into one language.
 *
 * @example t('id', 'status.amount', { amount: 3500000 }) // '   Jumlah: Rp3.500.000'
 */
export type Translate = (language: Language, key: string, values?: TranslationValues) => string;

export const LANGUAGES: readonly Language[] = ['id', 'en'];

const LOCALES_DIR = new URL('../../locales/', import.meta.url);

/** A locale file, read from `locales/<language>/<namespace>.json` at the project root. */
export function loadLocale(language: Language, namespace = 'translation'): Record<string, unknown> {
  const url = new URL(`${language}/${namespace}.json`, LOCALES_DIR);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

/**
 * The namespaces: one file each in `locales/id/` (the reference language). `translation` is the
 * default; keys of another are written with its name, e.g. `t('id', 'reports:export.columns.nik')`.
 */
export function localeNamespaces(): string[] {
  return readdirSync(new URL('id/', LOCALES_DIR))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/**
 * An isolated i18next instance (never the global one, so tests and the engine cannot leak
 * settings into each other) with both locales loaded synchronously, Indonesian as fallback, and
 * the `tanggal`, `jam` and `rupiah` formatters: `{{date, tanggal}}`, `{{amount, rupiah}}`, and for
 * a local time ("2026-11-27T14:30+07:00") `{{until, tanggal}}` (its day) and `{{until, jam}}` ("14.30 WIB").
 */
export function createTranslator(): Translate {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: 'id',
    fallbackLng: 'id',
    supportedLngs: [...LANGUAGES],
    ns: localeNamespaces(),
    defaultNS: 'translation',
    resources: Object.fromEntries(
      LANGUAGES.map((language) => [
        language,
        Object.fromEntries(localeNamespaces().map((namespace) => [namespace, loadLocale(language, namespace)])),
      ]),
    ),
    // Replies are plain chat text, not HTML: escaping would show "&amp;" to the person.
    interpolation: { escapeValue: false },
  });
  const formatter = instance.services.formatter;
  if (!formatter) throw new Error('i18next has no formatter service');
  // A local time ("2026-11-27T14:30+07:00") is shown by its calendar day.
  formatter.add('tanggal', (value, lng) => formatTanggal(String(value).replace(/^(\d{4}-\d{2}-\d{2})T.*$/, '$1'), lng === 'en' ? 'en' : 'id'));
  formatter.add('jam', (value, lng) => formatJam(String(value), lng === 'en' ? 'en' : 'id'));
  formatter.add('rupiah', (value) => formatRupiah(Number(value)));

  // A key without values always gives the same text (the resources never change after init):
  // menus and help lines are looked up once, not on every reply. Bounded, should keys ever come
  // from outside the code.
  const plain = new Map<string, string>();
  return (language, key, values) => {
    if (values !== undefined) return instance.t(key, { ...values, lng: language });
    const cacheKey = `${language}\u0000${key}`;
    let text = plain.get(cacheKey);
    if (text === undefined) {
      text = instance.t(key, { lng: language });
      if (plain.size < MAX_PLAIN_TEXTS) plain.set(cacheKey, text);
    }
    return text;
  };
}

/** More than every key of every namespace in both languages. */
const MAX_PLAIN_TEXTS = 10_000;
