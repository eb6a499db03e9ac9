import type { SendResult } from '../channel-port.js';
import { errorReason } from './error-reason.js';

/** Every SendResult but 'sent': what a failed call can mean. */
export type SendFailure = Exclude<SendResult, { status: 'sent' }>;

/** A Graph API error answer: the HTTP status and the parsed body (anything, when it was not JSON). */
export interface GraphFailure {
  httpStatus: number;
  body: unknown;
}

/** Waits for the rate limits Meta names, in ms: [minimum, maximum]; the wait is drawn between them. */
const RATE_LIMIT_WAITS: Record<number, [number, number]> = {
  // Throughput of the business number exceeded: it clears within seconds.
  130429: [1_000, 5_000],
  // Too many messages to one person: Meta's pair rate allows about one every 6 seconds.
  131056: [6_000, 10_000],
  // The WhatsApp Business Account's API rate limit.
  80007: [30_000, 60_000],
  // The app's API call limit.
  4: [30_000, 60_000],
};
/** A bare HTTP 429 (a proxy, or a code we do not know). */
const HTTP_429_WAIT: [number, number] = [2_000, 6_000];

/** Graph codes that mean "Meta had trouble", whatever HTTP status came with them. */
const TRANSIENT_CODES = new Set([1, 2, 131000, 131016, 133004]);
/** The access token expired or was revoked. */
const TOKEN_CODE = 190;
/** More than 24 hours since the person last wrote: only a template may go. */
const RE_ENGAGEMENT_CODE = 131047;

/**
 * Classifies a Graph API error answer. Rate limits wait and retry; a bad token is
 * transient (an operator can renew it, and the messages must not be dropped meanwhile);
 * Meta's own trouble is transient; anything else refused is failed for good.
 */
export function toSendResult(failure: GraphFailure, random: () => number = Math.random): SendFailure {
  const error = graphErrorOf(failure.body);
  const code = error?.code;
  const reason = errorReason(code ?? `http ${failure.httpStatus}`, error?.message);
  const wait = code !== undefined ? RATE_LIMIT_WAITS[code] : undefined;
  if (wait) return { status: 'rate-limited', retryAfterMs: between(wait, random), reason };
  if (code === RE_ENGAGEMENT_CODE) return { status: 'failed', reason: `${reason} (outside the 24-hour window)` };
  if (code === TOKEN_CODE || failure.httpStatus === 401) return { status: 'transient-error', reason: `${reason} (access token rejected: renew WHATSAPP_CLOUD_TOKEN)` };
  if (failure.httpStatus === 429) return { status: 'rate-limited', retryAfterMs: between(HTTP_429_WAIT, random), reason };
  if (failure.httpStatus >= 500 || (code !== undefined && TRANSIENT_CODES.has(code))) return { status: 'transient-error', reason };
  return { status: 'failed', reason };
}

/**
 * Socket-level trouble (the request may well succeed later) or the send's timeout (Meta may or
 * may not have delivered it: unknown). Never the error's message.
 */
export function networkFailure(error: unknown): SendFailure {
  if (isRecord(error) && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { status: 'unknown', reason: 'whatsapp-cloud: no answer within the send timeout' };
  }
  const cause = isRecord(error) && isRecord(error.cause) ? error.cause : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : isRecord(error) && typeof error.code === 'string' ? error.code : 'fetch failed';
  return { status: 'transient-error', reason: `whatsapp-cloud network: ${code}` };
}

function between([min, max]: [number, number], random: () => number): number {
  return Math.round(min + random() * (max - min));
}

function graphErrorOf(body: unknown): { code?: number; message?: string } | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const error = body.error;
  const details = isRecord(error.error_data) && typeof error.error_data.details === 'string' ? error.error_data.details : undefined;
  const message = typeof error.message === 'string' ? error.message : undefined;
  return {
    ...(typeof error.code === 'number' && { code: error.code }),
    ...((message ?? details) !== undefined && { message: details && message ? `${message} (${details})` : (message ?? details) }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
