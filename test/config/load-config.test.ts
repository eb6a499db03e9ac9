import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';

describe('loadConfig: HOST', () => {
  it('listens on loopback unless told otherwise', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).HOST).toBe('127.0.0.1');
  });

  it('takes every interface for a server behind a proxy, in webhook mode', () => {
    const config = loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'https://kpm.example.go.id', TELEGRAM_BOT_TOKEN: '1:x', TELEGRAM_WEBHOOK_SECRET: 'hook' });
    expect(config.HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).HOST).toBe('::');
  });

  it('refuses a value that is no address, naming HOST', () => {
    expect(() => loadConfig({ HOST: 'http://0.0.0.0' })).toThrow(/HOST/);
    expect(() => loadConfig({ HOST: '1.2.3.4 5' })).toThrow(/HOST/);
  });
});
