import type { AttemptFailure } from '../../startup/keep-connecting.js';

/**
 * Reads why `start` (getMe, then setWebhook or deleteWebhook) failed: a token or webhook URL
 * Telegram refuses will not get better by retrying; a network error, a timeout, a 5xx, a 429 or
 * a body that is not the Bot API's JSON (a proxy's error page) may. Reasons are built from codes
 * and Telegram's description, never from the error's message, which names the URL and so the token.
 */
export function classifyStartFailure(error: unknown): AttemptFailure {
  if (!isRecord(error)) return { permanent: true, reason: `unexpected ${typeof error}` };
  const response = isRecord(error.response) ? error.response : undefined;
  if (response && typeof response.error_code === 'number') {
    const code = response.error_code;
    const description = typeof response.description === 'string' ? response.description.slice(0, 200) : 'no description';
    if (code === 401) return { permanent: true, reason: `Telegram refused TELEGRAM_BOT_TOKEN (401 ${description}): copy the token again from @BotFather` };
    if (code === 404) return { permanent: true, reason: `Telegram does not know this bot (404 ${description}): check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT` };
    if (code === 429 || code >= 500) return { permanent: false, reason: `Telegram answered ${code} ${description}` };
    return { permanent: true, reason: `Telegram refused the start-up request (${code} ${description}): check PUBLIC_URL and TELEGRAM_WEBHOOK_SECRET` };
  }
  if (error.name === 'AbortError') return { permanent: false, reason: 'no answer from the Bot API in time' };
  if (error.name === 'FetchError') {
    if (error.type === 'invalid-json') return { permanent: false, reason: 'the Bot API answered something that is not JSON (a proxy page, or a wrong TELEGRAM_API_ROOT?)' };
    const code = typeof error.code === 'string' ? error.code : typeof error.type === 'string' ? error.type : 'network error';
    return { permanent: false, reason: `cannot reach the Bot API (${code})` };
  }
  return { permanent: true, reason: `unexpected ${error.name === undefined ? 'error' : String(error.name)} while starting Telegram` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
