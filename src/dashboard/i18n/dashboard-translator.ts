import type { Language } from '../../../flows/kpm-assistant/contract.js';
import { createTranslator, type Translate } from '../../i18n/create-translator.js';

/** A dashboard text in the page's language: `t('recipients.title')`, from `locales/<language>/dashboard.json`. */
export type DashboardT = (key: string, values?: Record<string, string | number>) => string;

let shared: Translate | undefined;

/**
 * The translator for one language over the `dashboard` namespace (the bot's texts stay in
 * translation.json). hono/jsx escapes what it renders, so i18next's own escaping stays off.
 */
export function dashboardTranslator(language: Language): DashboardT {
  shared ??= createTranslator();
  const t = shared;
  return (key, values) => t(language, `dashboard:${key}`, values);
}

/** The translator of the whole app (other namespaces, e.g. `reports:`), for services that take one. */
export function appTranslator(): Translate {
  shared ??= createTranslator();
  return shared;
}

export function isLanguage(value: string | undefined): value is Language {
  return value === 'id' || value === 'en';
}
