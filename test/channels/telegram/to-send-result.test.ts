import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { toSendResult } from '../../../src/channels/telegram/to-send-result.js';

// Shapes Telegraf and Node throw that the stand-in cannot easily produce.
describe('toSendResult', () => {
  it('defaults a 429 without retry_after to one second', () => {
    const error = new TelegramError({ error_code: 429, description: 'Too Many Requests' });
    expect(toSendResult(error)).toMatchObject({ status: 'rate-limited', retryAfterMs: 1000 });
  });

  it('maps 502/503 gateway answers to transient-error', () => {
    for (const code of [502, 503]) {
      expect(toSendResult(new TelegramError({ error_code: code, description: 'Bad Gateway' })).status).toBe('transient-error');
    }
  });

  it('keeps messages waiting on 401 (a wrong or revoked token an operator can fix)', () => {
    expect(toSendResult(new TelegramError({ error_code: 401, description: 'Unauthorized' })).status).toBe('transient-error');
    expect(toSendResult(new TelegramError({ error_code: 400, description: 'Bad Request: chat not found' })).status).toBe('failed');
  });

  it('maps node-fetch timeouts and the built-in fetch’s failures to transient-error', () => {
    const timeout = Object.assign(new Error('network timeout at: https://api.telegram.org/bot1:x/sendMessage'), {
      name: 'FetchError',
      type: 'request-timeout',
    });
    expect(toSendResult(timeout)).toEqual({ status: 'transient-error', reason: 'network: request-timeout' });
    const undici = new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ETIMEDOUT' }) });
    expect(toSendResult(undici)).toEqual({ status: 'transient-error', reason: 'network: ETIMEDOUT' });
  });

  it('calls the send timeout (an aborted request) unknown: Telegram may have delivered it', () => {
    const aborted = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError', type: 'aborted' });
    expect(toSendResult(aborted)).toEqual({ status: 'unknown', reason: 'telegram: no answer within the send timeout' });
  });

  it('calls anything else failed, naming only the error class', () => {
    expect(toSendResult(new RangeError('chat 42001 said "Cek NIK 3604..."'))).toEqual({
      status: 'failed',
      reason: 'unexpected error: RangeError',
    });
  });
});
