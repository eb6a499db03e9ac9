import { describe, expect, it } from 'vitest';
import { errorSummary } from '../../src/logging/error-summary.js';
import { configuredSecrets, redactSecrets, secretRedactor } from '../../src/logging/redact-secrets.js';

const TOKEN = '7012345678:AAH4kQ9vZxW1yT2uR3sP4oN5mL6kJ7iH8gF';

describe('secret redaction', () => {
  it('masks a bot token in a Bot API URL even when nothing is configured', () => {
    const message = `FetchError: invalid json response body at http://127.0.0.1:8081/bot${TOKEN}/getMe reason: Unexpected token <`;
    const redacted = secretRedactor([])(message);
    expect(redacted).not.toContain(TOKEN.split(':')[1]);
    expect(redacted).toBe('FetchError: invalid json response body at http://127.0.0.1:8081/bot7012345678:[REDACTED]/getMe reason: Unexpected token <');
  });

  it('masks a short test-style token in a URL, and a bare token anywhere', () => {
    const redact = secretRedactor([]);
    expect(redact('https://api.telegram.org/bot123456:ABC-def_1/sendMessage')).toBe('https://api.telegram.org/bot123456:[REDACTED]/sendMessage');
    expect(redact(`token=${TOKEN}`)).toBe('token=7012345678:[REDACTED]');
  });

  it('masks every configured secret, written as is, JSON-escaped or URL-encoded', () => {
    const env = {
      TELEGRAM_BOT_TOKEN: 'short:tok"en\\x',
      WHATSAPP_CLOUD_TOKEN: 'EAAGm0PX4ZCpsBA',
      WHATSAPP_CLOUD_APP_SECRET: 'app-secret-123',
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify me please',
      WHATSAPP_CREDENTIALS_KEY: 'a'.repeat(64),
      TELEGRAM_WEBHOOK_SECRET: 'hook_secret',
      NIK_HASH_SECRET: 'nik-hash-secret',
      DATABASE_URL: 'postgresql://kpm:p%40ss-word@db:5432/kpm',
    };
    const redact = secretRedactor(configuredSecrets(env));
    const line = JSON.stringify({
      msg: 'EAAGm0PX4ZCpsBA app-secret-123 hook_secret nik-hash-secret',
      err: { url: `https://x/?v=${encodeURIComponent('verify me please')}`, key: 'a'.repeat(64), token: 'short:tok"en\\x' },
      db: 'password p@ss-word',
    });
    const out = redact(line);
    for (const secret of ['EAAGm0PX4ZCpsBA', 'app-secret-123', 'hook_secret', 'nik-hash-secret', 'verify', 'aaaaaaaa', 'tok\\"en', 'p@ss-word']) {
      expect(out).not.toContain(secret);
    }
    // Still valid JSON: the replacement is JSON-safe.
    expect(JSON.parse(out).msg).toBe('[REDACTED] [REDACTED] [REDACTED] [REDACTED]');
  });

  it('ignores secrets too short to be told from ordinary words', () => {
    expect(redactSecrets('a cat sat', { TELEGRAM_WEBHOOK_SECRET: 'a' })).toBe('a cat sat');
  });

  it('errorSummary masks the configured token and the URL form', () => {
    const error = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`);
    expect(errorSummary(error)).toBe('Error: request to https://api.telegram.org/bot7012345678:[REDACTED]/getMe failed');
  });
});
