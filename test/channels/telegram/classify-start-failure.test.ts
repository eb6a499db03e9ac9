import { describe, expect, it } from 'vitest';
import { classifyStartFailure } from '../../../src/channels/telegram/classify-start-failure.js';

const TOKEN = '7012345678:AAH4kQ9vZxW1yT2uR3sP4oN5mL6kJ7iH8gF';

function telegramError(error_code: number, description: string) {
  return Object.assign(new Error(`${error_code}: ${description}`), { name: 'TelegramError', response: { ok: false, error_code, description } });
}

function fetchError(type: string, code?: string) {
  return Object.assign(new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`), { name: 'FetchError', type, ...(code && { code }) });
}

describe('classifyStartFailure', () => {
  it('a refused or unknown token is permanent', () => {
    expect(classifyStartFailure(telegramError(401, 'Unauthorized'))).toMatchObject({ permanent: true, reason: expect.stringContaining('TELEGRAM_BOT_TOKEN') });
    expect(classifyStartFailure(telegramError(404, 'Not Found'))).toMatchObject({ permanent: true });
    expect(classifyStartFailure(telegramError(400, 'Bad Request: bad webhook: HTTPS url must be provided for webhook'))).toMatchObject({
      permanent: true,
      reason: expect.stringContaining('PUBLIC_URL'),
    });
  });

  it('network trouble, timeouts, 5xx, 429 and a non-JSON answer are worth retrying', () => {
    expect(classifyStartFailure(fetchError('system', 'ECONNREFUSED'))).toEqual({ permanent: false, reason: 'cannot reach the Bot API (ECONNREFUSED)' });
    expect(classifyStartFailure(fetchError('system', 'EAI_AGAIN'))).toMatchObject({ permanent: false });
    expect(classifyStartFailure(fetchError('invalid-json'))).toMatchObject({ permanent: false, reason: expect.stringContaining('not JSON') });
    expect(classifyStartFailure(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toMatchObject({ permanent: false });
    expect(classifyStartFailure(telegramError(502, 'Bad Gateway'))).toMatchObject({ permanent: false });
    expect(classifyStartFailure(telegramError(429, 'Too Many Requests'))).toMatchObject({ permanent: false });
  });

  it('never puts the error message (with its URL and token) in the reason', () => {
    for (const error of [fetchError('system', 'ECONNREFUSED'), fetchError('invalid-json'), new Error(`boom ${TOKEN}`)]) {
      expect(classifyStartFailure(error).reason).not.toContain(TOKEN.split(':')[1]);
    }
  });
});
