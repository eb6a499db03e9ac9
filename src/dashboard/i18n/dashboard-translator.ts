import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import type { Language } from '../../../flows/kpm-assistant/contract.js';
import { LANGUAGES } from '../../i18n/create-translator.js';

/** A dashboard text in the page's language: `t('recipients.title')`. */
export type DashboardT = (key: string, values?: Record<string, string | number>) => string;

/** The dashboard's own namespace, `locales/<language>/dashboard.json` (the bot's texts stay in translation.json). */
export function loadDashboardLocale(language: Language): Record<string, unknown> {
  const url = new URL(`../../../locales/${language}/dashboard.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

let instance: ReturnType<typeof i18next.createInstance> | undefined;

function dashboardI18n() {
  if (instance) return instance;
  instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: 'id',
    fallbackLng: 'id',
    supportedLngs: [...LANGUAGES],
    ns: ['dashboard'],
    defaultNS: 'dashboard',
    resources: Object.fromEntries(LANGUAGES.map((language) => [language, { dashboard: loadDashboardLocale(language) }])),
    // hono/jsx escapes every text it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** The translator for one language. */
export function dashboardTranslator(language: Language): DashboardT {
  const i18n = dashboardI18n();
  return (key, values) => i18n.t(key, { ...values, lng: language });
}

export function isLanguage(value: string | undefined): value is Language {
  return value === 'id' || value === 'en';
}
