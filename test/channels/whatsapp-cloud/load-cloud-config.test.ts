import { describe, expect, it } from 'vitest';
import { loadCloudConfig } from '../../../src/channels/whatsapp-cloud/load-cloud-config.js';

const ENABLED = {
  WHATSAPP_CLOUD_TOKEN: 'EAAG-token',
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: '106540352242922',
  WHATSAPP_CLOUD_APP_SECRET: '0123456789abcdef0123456789abcdef',
  WHATSAPP_CLOUD_VERIFY_TOKEN: 'a-long-verify-token',
};

describe('loadCloudConfig', () => {
  it('is off (undefined) without a token', () => {
    expect(loadCloudConfig({})).toBeUndefined();
    expect(loadCloudConfig({ WHATSAPP_CLOUD_TOKEN: '' })).toBeUndefined();
  });

  it('enabled: defaults for the API base, template language and pacing', () => {
    expect(loadCloudConfig(ENABLED)).toEqual({
      token: 'EAAG-token',
      phoneNumberId: '106540352242922',
      appSecret: '0123456789abcdef0123456789abcdef',
      verifyToken: 'a-long-verify-token',
      apiBase: 'https://graph.facebook.com/v21.0',
      rateLimits: { globalPerSecond: 80, perChatPerSecond: 1, perChatBurst: 3 },
    });
  });

  it('reads the template, its language, the API base and pacing', () => {
    const config = loadCloudConfig({
      ...ENABLED,
      WHATSAPP_CLOUD_API_BASE: 'http://127.0.0.1:9999/v21.0/',
      WHATSAPP_CLOUD_TEMPLATE: 'kpm_lanjutkan',
      WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: 'en_US',
      WHATSAPP_CLOUD_GLOBAL_PER_SECOND: '250',
      WHATSAPP_CLOUD_PER_CHAT_PER_SECOND: '0.5',
      WHATSAPP_CLOUD_PER_CHAT_BURST: '2',
    });
    expect(config?.apiBase).toBe('http://127.0.0.1:9999/v21.0');
    expect(config?.template).toEqual({ name: 'kpm_lanjutkan', language: 'en_US' });
    expect(config?.rateLimits).toEqual({ globalPerSecond: 250, perChatPerSecond: 0.5, perChatBurst: 2 });
    expect(loadCloudConfig({ ...ENABLED, WHATSAPP_CLOUD_TEMPLATE: 'kpm_lanjutkan' })?.template).toEqual({ name: 'kpm_lanjutkan', language: 'id' });
  });

  it('a token needs the phone number id, app secret and verify token, and names what is missing', () => {
    expect(() => loadCloudConfig({ WHATSAPP_CLOUD_TOKEN: 'x' })).toThrow(
      'WHATSAPP_CLOUD_PHONE_NUMBER_ID, WHATSAPP_CLOUD_APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN required when WHATSAPP_CLOUD_TOKEN is set',
    );
    expect(() => loadCloudConfig({ ...ENABLED, WHATSAPP_CLOUD_VERIFY_TOKEN: '' })).toThrow('WHATSAPP_CLOUD_VERIFY_TOKEN required');
  });

  it('the rest without a token is a half configuration, refused', () => {
    const { WHATSAPP_CLOUD_TOKEN: _token, ...rest } = ENABLED;
    expect(() => loadCloudConfig(rest)).toThrow('WHATSAPP_CLOUD_TOKEN is required');
  });

  it('refuses bad values without echoing secrets', () => {
    expect(() => loadCloudConfig({ ...ENABLED, WHATSAPP_CLOUD_PHONE_NUMBER_ID: '+62 812 0000' })).toThrow('WHATSAPP_CLOUD_PHONE_NUMBER_ID');
    expect(() => loadCloudConfig({ ...ENABLED, WHATSAPP_CLOUD_TEMPLATE: 'Not A Name' })).toThrow('WHATSAPP_CLOUD_TEMPLATE');
    expect(() => loadCloudConfig({ ...ENABLED, WHATSAPP_CLOUD_API_BASE: 'graph' })).toThrow('WHATSAPP_CLOUD_API_BASE');
    expect(() => loadCloudConfig({ ...ENABLED, WHATSAPP_CLOUD_GLOBAL_PER_SECOND: '0' })).toThrow('WHATSAPP_CLOUD_GLOBAL_PER_SECOND');
    try {
      loadCloudConfig({ ...ENABLED, WHATSAPP_CLOUD_APP_SECRET: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('WHATSAPP_CLOUD_APP_SECRET');
      expect(String(error)).not.toContain('short');
    }
  });
});
