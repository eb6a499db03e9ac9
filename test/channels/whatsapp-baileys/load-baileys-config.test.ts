import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadBaileysConfig, parseCredentialsKey } from '../../../src/channels/whatsapp-baileys/load-baileys-config.js';

const KEY = randomBytes(32);

describe('Baileys configuration', () => {
  it('is off unless WHATSAPP_BAILEYS=true, and then needs nothing else', () => {
    expect(loadBaileysConfig({})).toEqual({ enabled: false });
    expect(loadBaileysConfig({ WHATSAPP_BAILEYS: 'false', WHATSAPP_CREDENTIALS_KEY: 'nonsense' })).toEqual({ enabled: false });
  });

  it('reads the key as hex or base64, with careful default pacing', () => {
    for (const written of [KEY.toString('hex'), KEY.toString('hex').toUpperCase(), KEY.toString('base64'), KEY.toString('base64url')]) {
      const config = loadBaileysConfig({ WHATSAPP_BAILEYS: 'true', WHATSAPP_CREDENTIALS_KEY: written });
      expect(config.enabled && config.credentialsKey.equals(KEY)).toBe(true);
    }
    const config = loadBaileysConfig({ WHATSAPP_BAILEYS: '1', WHATSAPP_CREDENTIALS_KEY: KEY.toString('hex') });
    expect(config).toMatchObject({
      enabled: true,
      pacing: { perChatPerSecond: 0.5, perChatBurst: 2, globalPerSecond: 5 },
      libraryLogLevel: 'silent',
    });
    expect(config.enabled && config.pairingPhone).toBeUndefined();
  });

  it('takes pacing and a pairing phone in any common notation', () => {
    const config = loadBaileysConfig({
      WHATSAPP_BAILEYS: 'yes',
      WHATSAPP_CREDENTIALS_KEY: KEY.toString('base64'),
      WHATSAPP_PAIRING_PHONE: '0811-0000-9999',
      WHATSAPP_PER_CHAT_PER_SECOND: '0.2',
      WHATSAPP_PER_CHAT_BURST: '1',
      WHATSAPP_GLOBAL_PER_SECOND: '2',
    });
    expect(config).toMatchObject({ pairingPhone: '6281100009999', pacing: { perChatPerSecond: 0.2, perChatBurst: 1, globalPerSecond: 2 } });
    expect(loadBaileysConfig({ WHATSAPP_BAILEYS: 'true', WHATSAPP_CREDENTIALS_KEY: KEY.toString('hex'), WHATSAPP_PAIRING_PHONE: '+62 811 0000 9999' })).toMatchObject({
      pairingPhone: '6281100009999',
    });
  });

  it('stops with a clear message when the key is missing or not 32 bytes, without echoing it', () => {
    expect(() => loadBaileysConfig({ WHATSAPP_BAILEYS: 'true' })).toThrow(/WHATSAPP_CREDENTIALS_KEY is required when WHATSAPP_BAILEYS=true.*openssl rand -hex 32/);
    for (const bad of ['abc123', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), `${KEY.toString('hex')}00`, 'z'.repeat(64)]) {
      let message = '';
      try {
        loadBaileysConfig({ WHATSAPP_BAILEYS: 'true', WHATSAPP_CREDENTIALS_KEY: bad });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/WHATSAPP_CREDENTIALS_KEY is not a valid key.*64 hex characters or as base64/);
      expect(message).not.toContain(bad);
    }
  });

  it('refuses bad pacing and a pairing phone that is not a number', () => {
    const base = { WHATSAPP_BAILEYS: 'true', WHATSAPP_CREDENTIALS_KEY: KEY.toString('hex') };
    expect(() => loadBaileysConfig({ ...base, WHATSAPP_PER_CHAT_PER_SECOND: '0' })).toThrow(/WHATSAPP_PER_CHAT_PER_SECOND/);
    expect(() => loadBaileysConfig({ ...base, WHATSAPP_PER_CHAT_BURST: '1.5' })).toThrow(/WHATSAPP_PER_CHAT_BURST/);
    expect(() => loadBaileysConfig({ ...base, WHATSAPP_PAIRING_PHONE: 'bot number' })).toThrow(/WHATSAPP_PAIRING_PHONE/);
    expect(() => loadBaileysConfig({ ...base, WHATSAPP_PAIRING_PHONE: '0812' })).toThrow(/WHATSAPP_PAIRING_PHONE/);
    expect(() => loadBaileysConfig({ ...base, WHATSAPP_BAILEYS: 'maybe' })).toThrow(/WHATSAPP_BAILEYS/);
  });

  it('parses keys strictly', () => {
    expect(parseCredentialsKey(` ${KEY.toString('hex')} `)?.equals(KEY)).toBe(true);
    expect(parseCredentialsKey(KEY.toString('base64').replace(/=$/, ''))?.equals(KEY)).toBe(true);
    expect(parseCredentialsKey('')).toBeUndefined();
  });
});
