/**
 * Keeps credentials out of every line the process prints. Two nets, because neither alone is
 * enough: the configured secrets themselves (whatever shape an error gives them), and the
 * shape of a Telegram bot token (Telegraf's own errors name the request URL, `…/bot<TOKEN>/getMe`,
 * and a token can reach a log before or without configuration, e.g. from a test or a typo).
 */

/** Environment variables whose values are secrets. */
export const SECRET_VARIABLES = [
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'WHATSAPP_CLOUD_TOKEN',
  'WHATSAPP_CLOUD_APP_SECRET',
  'WHATSAPP_CLOUD_VERIFY_TOKEN',
  'WHATSAPP_CREDENTIALS_KEY',
  'NIK_HASH_SECRET',
] as const;

export const REDACTED = '[REDACTED]';

/** Shorter values would mask ordinary words; a secret that short is no secret anyway. */
const MIN_SECRET_LENGTH = 6;
/** `/bot<id>:<secret>` (and `/user…`, Telegraf's user mode) in a Bot API URL; the bot id is kept. */
const TOKEN_IN_URL = /(\/(?:bot|user))(\d+):[^/\s"'?#&\\]+/g;
/** A bare token: a bot id, a colon and Telegram's 35-character secret (30+ to be safe). */
const BARE_TOKEN = /\b(\d{4,15}):[A-Za-z0-9_-]{30,}/g;

/** The secrets configured in `env`: the variables above and the password in DATABASE_URL. */
export function configuredSecrets(env: NodeJS.ProcessEnv): string[] {
  const secrets: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const value = env[name]?.trim();
    if (value) secrets.push(value);
  }
  const password = databasePassword(env.DATABASE_URL);
  if (password) secrets.push(password);
  return secrets;
}

/**
 * A function that replaces every given secret (as written, JSON-escaped and URL-encoded) and
 * every bot-token-shaped string with [REDACTED]. The replacement is JSON-safe, so it may run on
 * serialized log lines.
 *
 * @example
 * const redact = secretRedactor(configuredSecrets(process.env));
 * redact('GET https://api.telegram.org/bot123:AAH…/getMe'); // 'GET https://api.telegram.org/bot123:[REDACTED]/getMe'
 */
export function secretRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(encodeURIComponent(secret)).slice(1, -1));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const configured = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : undefined;
  return (text) => {
    // Token shapes first, so the bot id stays readable; then whatever form a secret took.
    const result = text.replace(TOKEN_IN_URL, `$1$2:${REDACTED}`).replace(BARE_TOKEN, `$1:${REDACTED}`);
    return configured ? result.replace(configured, REDACTED) : result;
  };
}

/** `text` without the secrets configured in `env` (process.env by default) or bot tokens. */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return secretRedactor(configuredSecrets(env))(text);
}

function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
