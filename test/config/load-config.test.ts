import { describe, expect, it } from 'vitest';
import { loadConfig, reportReminderSchedule } from '../../src/config/load-config.js';

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

describe('loadConfig: REPORT_REMINDER_*', () => {
  it('defaults to the 5th at 09:00 WIB, again after 3 and 7 days', () => {
    expect(reportReminderSchedule(loadConfig({}))).toEqual({ day: 5, hour: 9, againAfterDays: [3, 7], timeZone: 'Asia/Jakarta' });
  });

  it('takes a schedule from the environment, "none" for no follow-ups', () => {
    const env = { REPORT_REMINDER_DAY: '3', REPORT_REMINDER_HOUR: '10', REPORT_REMINDER_AGAIN_AFTER_DAYS: '2, 6', REPORT_REMINDER_TIME_ZONE: 'Asia/Makassar' };
    expect(reportReminderSchedule(loadConfig(env))).toEqual({ day: 3, hour: 10, againAfterDays: [2, 6], timeZone: 'Asia/Makassar' });
    expect(loadConfig({ REPORT_REMINDER_AGAIN_AFTER_DAYS: 'none' }).REPORT_REMINDER_AGAIN_AFTER_DAYS).toEqual([]);
  });

  it('refuses a schedule its rules forbid, naming the variable', () => {
    expect(() => loadConfig({ REPORT_REMINDER_DAY: '29' })).toThrow(/REPORT_REMINDER_DAY/);
    expect(() => loadConfig({ REPORT_REMINDER_HOUR: '24' })).toThrow(/REPORT_REMINDER_HOUR/);
    expect(() => loadConfig({ REPORT_REMINDER_AGAIN_AFTER_DAYS: 'x' })).toThrow(/REPORT_REMINDER_AGAIN_AFTER_DAYS/);
    expect(() => loadConfig({ REPORT_REMINDER_TIME_ZONE: 'Europe/Paris' })).toThrow(/REPORT_REMINDER_TIME_ZONE/);
    // A round past the 28th, or rounds out of order.
    expect(() => loadConfig({ REPORT_REMINDER_DAY: '25', REPORT_REMINDER_AGAIN_AFTER_DAYS: '3,7' })).toThrow(/28th/);
    expect(() => loadConfig({ REPORT_REMINDER_AGAIN_AFTER_DAYS: '7,3' })).toThrow(/increasing/);
  });
});
