import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadLocale, localeNamespaces } from '../../src/i18n/create-translator.js';

const FLOW_DIR = new URL('../../flows/', import.meta.url).pathname;
const FLOWS_DIR = new URL('../../flows/', import.meta.url).pathname;
/** Namespaces of keys the facilitator flow, the session notices and the router name as quoted literals or template prefixes. */
const NAMED_KEY = /(?<!action: )['`]((?:facilitator|session|rsvp|link)\.[\w.-]+?)(\.\$\{|['`])/g;
const SRC_DIR = new URL('../../src/', import.meta.url).pathname;
/** Proactive messages written in src as flow-style replies (`key: 'reportReminder.due'`). */
const REPLY_DIRS = [new URL('../../src/report-reminders/', import.meta.url).pathname, new URL('../../src/report-review/', import.meta.url).pathname];

/** Every leaf of a nested locale object as a dotted key, with its text. */
function leaves(tree: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, value] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (value !== null && typeof value === 'object') for (const [k, v] of leaves(value as Record<string, unknown>, key)) out.set(k, v);
    else out.set(key, value);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Keys the flow names: every `key: '...'` literal in its sources. */
function flowKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of [...sourceFiles(FLOW_DIR), ...REPLY_DIRS.flatMap((dir) => sourceFiles(dir))]) {
    // Keys of another namespace ("progress:ask.status") are checked with that namespace.
    for (const match of readFileSync(file, 'utf8').matchAll(/\bkey:\s*'([^':]+)'/g)) keys.add(match[1] as string);
  }
  return keys;
}

/**
 * Keys named as quoted literals ('facilitator.menu.prompt') in the facilitator flow and the
 * session code, and the prefixes of those built from a template (`session.notice.${kind}`).
 */
function namedKeys(): { literals: Set<string>; prefixes: Set<string> } {
  const literals = new Set<string>();
  const prefixes = new Set<string>();
  // Audit action names ('session.create') look alike: the audit module and `action:` values are not keys.
  for (const file of [...sourceFiles(FLOWS_DIR), ...sourceFiles(SRC_DIR)].filter((path) => !path.includes('/src/audit/'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(NAMED_KEY)) {
      if (match[2] === '.${') prefixes.add(match[1] as string);
      else literals.add(match[1] as string);
    }
  }
  return { literals, prefixes };
}

/** Keys the rest of the app translates directly: `t(language, 'some.key')`. */
function appKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of sourceFiles(SRC_DIR)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\([^,()]+,\s*'([\w.]+)'/g)) keys.add(match[1] as string);
  }
  return keys;
}

/** `{{name}}` and `{{name, format}}` placeholders of a text, by name. */
function placeholders(text: unknown): string[] {
  return [...String(text).matchAll(/\{\{\s*([\w]+)/g)].map((m) => m[1] as string).sort();
}

const locales = Object.fromEntries(LANGUAGES.map((language) => [language, leaves(loadLocale(language))]));
const id = locales['id']!;
const en = locales['en']!;

describe('locales', () => {
  it('have exactly the same keys in Indonesian and English', () => {
    expect([...en.keys()].sort()).toEqual([...id.keys()].sort());
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const [key, text] of id) {
      expect(typeof text === 'string' && text.trim().length > 0, `id ${key}`).toBe(true);
      expect(typeof en.get(key) === 'string' && String(en.get(key)).trim().length > 0, `en ${key}`).toBe(true);
      expect(placeholders(en.get(key)), key).toEqual(placeholders(text));
    }
  });

  it('contain every key the flow references', () => {
    const referenced = flowKeys();
    expect(referenced.size).toBeGreaterThan(60); // the scan itself works
    const missing = [...referenced].filter((key) => !id.has(key) || !en.has(key));
    expect(missing).toEqual([]);
  });

  it('contain every key the app translates directly', () => {
    const referenced = appKeys();
    expect(referenced.size).toBeGreaterThan(0);
    expect([...referenced].filter((key) => !id.has(key) || !en.has(key))).toEqual([]);
  });

  it('carry no key nothing uses', () => {
    const named = namedKeys();
    const referenced = new Set([...flowKeys(), ...appKeys(), ...named.literals]);
    const used = (key: string) => referenced.has(key) || [...named.prefixes].some((prefix) => key.startsWith(`${prefix}.`));
    expect([...id.keys()].filter((key) => !used(key))).toEqual([]);
  });

  it('contain every key the facilitator flow and the session notices name', () => {
    const { literals } = namedKeys();
    expect(literals.size).toBeGreaterThan(40); // the scan itself works
    expect([...literals].filter((key) => !id.has(key) || !en.has(key))).toEqual([]);
  });

  it('never ask for secrets: the only mentions of PIN/OTP are the warnings', () => {
    for (const [key, text] of id) {
      if (/\b(PIN|OTP)\b/.test(String(text))) expect(['nik.privacy', 'help.privacy']).toContain(key);
    }
  });

  it('address the KPM as "Bapak/Ibu", never "Anda", in every Indonesian text', () => {
    const withAnda = [...id].filter(([, text]) => /\bAnda\b/i.test(String(text))).map(([key]) => key);
    expect(withAnda).toEqual([]);
    for (const key of ['nik.ask', 'name.ask', 'summary.verified', 'verify.lockedUntil']) expect(String(id.get(key)), key).toContain('Bapak/Ibu');
  });

  it('use plain words: no "bantuan" for the FAQ, data rather than "kelayakan", typos and the KTP rather than codes', () => {
    expect(String(id.get('menu.choice.help'))).not.toMatch(/bantuan/i);
    expect(String(id.get('nik.trouble.choice.help'))).not.toMatch(/bantuan/i);
    expect(String(id.get('menu.choice.eligibility'))).not.toMatch(/kelayakan/i);
    for (const [key, text] of id) {
      if (!key.startsWith('nik.problem.')) continue;
      expect(String(text), key).not.toMatch(/kode provinsi/i);
    }
    for (const key of ['nik.problem.unknownProvince', 'nik.problem.invalidBirthDate', 'nik.problem.invalidSerial']) {
      expect(String(id.get(key)), key).toContain('salah ketik');
      expect(String(id.get(key)), key).toContain('KTP');
    }
    expect(String(en.get('nik.problem.tooShort'))).toContain('Some digits seem to be missing');
  });

  it('say when a lock ends, with a time', () => {
    expect(placeholders(id.get('verify.lockedUntil'))).toEqual(['until', 'until']);
    expect(String(id.get('verify.lockedUntil'))).toMatch(/\{\{until, tanggal\}\} pukul \{\{until, jam\}\}/);
  });

  it('keep menu labels short enough for a WhatsApp list row with their number (24 characters)', () => {
    for (const locale of [id, en]) {
      for (const [key, text] of locale) {
        if (['menu.choice.eligibility', 'menu.choice.status', 'menu.choice.help'].includes(key)) {
          expect(`1. ${String(text)}`.length, key).toBeLessThanOrEqual(24);
        }
      }
    }
  });
});

/** Keys of other namespaces the app translates: `t(language, 'reports:some.key')`, by namespace. */
function namespacedKeys(namespace: string): Set<string> {
  const keys = new Set<string>();
  for (const file of sourceFiles(SRC_DIR)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\([^,()]+,\s*'(\w+):([\w.]+)'/g)) {
      if (match[1] === namespace) keys.add(match[2] as string);
    }
  }
  // Flows name them as quoted reply keys: `key: 'progress:ask.status'`, or in a table of keys.
  for (const file of sourceFiles(FLOW_DIR)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'(\w+):([\w.-]+)'/g)) {
      if (match[1] === namespace) keys.add(match[2] as string);
    }
  }
  return keys;
}

for (const namespace of localeNamespaces().filter((name) => name !== 'translation')) {
  describe(`locales, namespace ${namespace}`, () => {
    const nsId = leaves(loadLocale('id', namespace));
    const nsEn = leaves(loadLocale('en', namespace));

    it('have exactly the same keys in Indonesian and English', () => {
      expect([...nsEn.keys()].sort()).toEqual([...nsId.keys()].sort());
    });

    it('have no empty text and the same placeholders in both languages', () => {
      for (const [key, text] of nsId) {
        expect(typeof text === 'string' && text.trim().length > 0, `id ${key}`).toBe(true);
        expect(typeof nsEn.get(key) === 'string' && String(nsEn.get(key)).trim().length > 0, `en ${key}`).toBe(true);
        expect(placeholders(nsEn.get(key)), key).toEqual(placeholders(text));
      }
    });

    it.runIf(namespace === 'dashboard')('dashboard: contain every key the dashboard names and no key nothing uses', () => {
      const { literals, prefixes } = dashboardReferences();
      expect(literals.size).toBeGreaterThan(50); // the scan itself works
      // Literal t('a.b') calls must exist.
      const calls = [...literals].filter((key) => key.includes('.') && DASHBOARD_CALLS.has(key));
      expect(calls.filter((key) => !nsId.has(key))).toEqual([]);
      // Keys are named literally (t('a.b'), { key: 'a.b' }, an errorKey 'a.b' whose .title/.body are read),
      // or by a template prefix (t(`roles.${role}`)).
      const used = (key: string) =>
        literals.has(key) || literals.has(key.split('.').slice(0, -1).join('.')) || [...prefixes].some((prefix) => key.startsWith(`${prefix}.`));
      expect([...nsId.keys()].filter((key) => !used(key))).toEqual([]);
    });

    it.skipIf(namespace === 'dashboard')('contain every key the app uses and no key nothing uses', () => {
      const referenced = namespacedKeys(namespace);
      expect(referenced.size).toBeGreaterThan(0);
      expect([...referenced].filter((key) => !nsId.has(key) || !nsEn.has(key))).toEqual([]);
      // A flow may build a key from a prefix: `key: \`progress:money.${reason}\``.
      const prefixes = namespacedKeyPrefixes(namespace);
      expect([...nsId.keys()].filter((key) => !referenced.has(key) && !prefixes.some((prefix) => key.startsWith(prefix)))).toEqual([]);
    });
  });
}

/** Prefixes of keys flows build from a template (`key: \`progress:money.${reason}\``), by namespace. */
function namespacedKeyPrefixes(namespace: string): string[] {
  const prefixes: string[] = [];
  for (const file of sourceFiles(FLOW_DIR)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bkey:\s*`(\w+):([\w.-]+\.)\$\{/g)) {
      if (match[1] === namespace) prefixes.push(match[2] as string);
    }
  }
  return prefixes;
}

const DASHBOARD_SOURCES = [new URL('../../src/dashboard/', import.meta.url).pathname];
const DASHBOARD_FILES = [...DASHBOARD_SOURCES.flatMap((dir) => sourceAndViewFiles(dir)), new URL('../../src/cli/admin.ts', import.meta.url).pathname];

function sourceAndViewFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceAndViewFiles(path) : /\.tsx?$/.test(path) ? [path] : [];
  });
}
const DASHBOARD_CALLS = new Set<string>();

/** The dashboard's views call `t('key')`: every quoted dotted literal and every template prefix in its sources. */
function dashboardReferences(): { literals: Set<string>; prefixes: Set<string> } {
  const literals = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of DASHBOARD_FILES) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) literals.add(match[1] as string);
    for (const match of text.matchAll(/\bt\('([\w.-]+)'/g)) DASHBOARD_CALLS.add(match[1] as string);
    for (const match of text.matchAll(/`([a-zA-Z][\w.-]*)\.\$\{/g)) prefixes.add(match[1] as string);
  }
  return { literals, prefixes };
}
