import type { SendResult } from '../channel-port.js';

/** Every SendResult but 'sent': what a failed call can mean. */
export type SendFailure = Exclude<SendResult, { status: 'sent' }>;

/** The failure body the Bot API answers with (`TelegramError.response` in Telegraf). */
interface BotApiFailure {
  error_code: number;
  description?: string | undefined;
  parameters?: { retry_after?: number | undefined } | undefined;
}

/** Socket-level codes that mean "the request may well succeed later". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
]);

/** Used when a 429 carries no `retry_after` (Telegram always sends one; proxies may not). */
const DEFAULT_RETRY_AFTER_MS = 1_000;

/**
 * Classifies what a failed Bot API call threw. Reasons carry Telegram's description or an
 * error code, never the error's message: Telegraf's network errors embed the request URL, and
 * with it the bot token.
 */
export function toSendResult(error: unknown): SendFailure {
  // The send's own timeout (see perform-send): Telegram may or may not have delivered it.
  if (isRecord(error) && (error.name === 'AbortError' || error.name === 'TimeoutError')) return { status: 'unknown', reason: 'telegram: no answer within the send timeout' };
  const failure = botApiFailureOf(error);
  if (failure) return fromBotApiFailure(failure);
  const networkCode = networkCodeOf(error);
  if (networkCode) return { status: 'transient-error', reason: `network: ${networkCode}` };
  return { status: 'failed', reason: `unexpected error: ${nameOf(error)}` };
}

/** Classifies Telegram's refusal: 429 waits, 403 blocks the chat, 5xx and 401 retry, the rest fail. */
export function fromBotApiFailure(failure: BotApiFailure): SendFailure {
  const code = failure.error_code;
  const reason = `telegram ${code}: ${failure.description ?? 'no description'}`;
  if (code === 429) {
    const seconds = failure.parameters?.retry_after;
    const retryAfterMs = typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
    return { status: 'rate-limited', retryAfterMs, reason };
  }
  // Blocked by the user, user deactivated, bot can't initiate the conversation: stop sending.
  if (code === 403) return { status: 'blocked', reason };
  // 401: the token is wrong or revoked. An operator can fix it; the messages should wait, not be dropped.
  if (code >= 500 || code === 401) return { status: 'transient-error', reason };
  return { status: 'failed', reason };
}

function botApiFailureOf(error: unknown): BotApiFailure | undefined {
  if (!isRecord(error) || !isRecord(error.response)) return undefined;
  const response = error.response;
  if (typeof response.error_code !== 'number') return undefined;
  return {
    error_code: response.error_code,
    ...(typeof response.description === 'string' && { description: response.description }),
    ...(isRecord(response.parameters) &&
      typeof response.parameters.retry_after === 'number' && {
        parameters: { retry_after: response.parameters.retry_after },
      }),
  };
}

function networkCodeOf(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code && NETWORK_CODES.has(code)) return code;
  // node-fetch (which Telegraf uses) wraps socket trouble and its own timeout in a FetchError.
  if (error.name === 'FetchError') return code ?? (typeof error.type === 'string' ? error.type : 'fetch failed');
  // The built-in fetch throws `TypeError: fetch failed` with the socket error as its cause.
  if (isRecord(error.cause)) {
    const causeCode = error.cause.code;
    if (typeof causeCode === 'string' && NETWORK_CODES.has(causeCode)) return causeCode;
  }
  return undefined;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
