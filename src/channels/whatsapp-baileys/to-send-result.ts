import type { SendResult } from '../channel-port.js';

export type SendFailure = Exclude<SendResult, { status: 'sent' }>;

/**
 * WhatsApp gives no retry-after with `rate-overlimit`; wait long enough that the number stops
 * looking like a spammer rather than hammering it again a second later.
 */
export const RATE_LIMIT_WAIT_MS = 60_000;

/** Codes Baileys puts on its errors (Boom `output.statusCode`, or the server's error code in `data`). */
const TRANSIENT_CODES = new Set([
  401, // logged out: the session is gone until the number is paired again; messages wait
  408, // timed out / connection lost
  428, // connection closed
  440, // connection replaced by another session
  500, // bad session / server trouble
  502, 503, 504, // the service is unavailable
  515, // restart required
]);
const REFUSED_CODES = new Set([
  400, // bad request, invalid JID
  403, // not allowed to message this JID
  404, // item-not-found: no such user
  406, // not-acceptable
  463, // account restricted from starting this chat: retrying makes the restriction worse
]);

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Classifies what `sendMessage` threw. Reasons name a code or error class, never the error's
 * message text, which may contain a JID. WhatsApp never tells a sender they were blocked (the
 * message just stays undelivered), so no error here maps to 'blocked'.
 */
export function toSendResult(error: unknown): SendFailure {
  const { code, text } = readError(error);
  if (text === 'rate-overlimit' || code === 429) {
    return { status: 'rate-limited', retryAfterMs: RATE_LIMIT_WAIT_MS, reason: 'whatsapp 429: rate-overlimit' };
  }
  if (text === 'Connection Closed' || text === 'Timed Out') return { status: 'transient-error', reason: `whatsapp ${code ?? ''}: ${text}`.trim() };
  if (code !== undefined && TRANSIENT_CODES.has(code)) return { status: 'transient-error', reason: `whatsapp ${code}` };
  if (code !== undefined && REFUSED_CODES.has(code)) return { status: 'failed', reason: `whatsapp ${code}${serverText(text)}` };
  const network = networkCodeOf(error);
  if (network) return { status: 'transient-error', reason: `network: ${network}` };
  if (code !== undefined) return { status: 'failed', reason: `whatsapp ${code}` };
  return { status: 'failed', reason: `unexpected error: ${error instanceof Error ? error.name : typeof error}` };
}

/**
 * Boom errors carry `output.statusCode`; errors built from a server `<error code text>` node
 * carry the code in `data` (and a default statusCode of 500), so `data` wins when numeric.
 */
function readError(error: unknown): { code?: number; text?: string } {
  if (!isRecord(error)) return {};
  const data = typeof error.data === 'number' ? error.data : undefined;
  const output = isRecord(error.output) && typeof error.output.statusCode === 'number' ? error.output.statusCode : undefined;
  const code = data ?? output;
  const text = typeof error.message === 'string' ? error.message : undefined;
  return { ...(code !== undefined && { code }), ...(text !== undefined && { text }) };
}

/** Server error texts are short fixed words ("item-not-found"); anything else is left out. */
function serverText(text: string | undefined): string {
  return text && /^[a-z-]{1,40}$/.test(text) ? `: ${text}` : '';
}

function networkCodeOf(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  if (typeof error.code === 'string' && NETWORK_CODES.has(error.code)) return error.code;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
