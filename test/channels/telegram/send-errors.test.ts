import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../../src/channels/telegram/telegram-channel.js';
import { createTelegramStandIn, type TelegramStandIn } from '../../support/telegram-stand-in.js';

const CHAT = '42001';
const TOKEN = '123456:SECRET-token-value';
const TEXT = 'Status bantuan: dicairkan';

// Each Bot API failure, produced by the stand-in and seen through real Telegraf.
describe('telegram channel: send failures become SendResults', () => {
  let standIn: TelegramStandIn;
  let channel: TelegramChannel;
  let logs: string;

  beforeEach(async () => {
    standIn = await createTelegramStandIn();
    logs = '';
    const capture = new Writable({
      write(chunk, _encoding, done) {
        logs += String(chunk);
        done();
      },
    });
    channel = createTelegramChannel({ token: TOKEN, apiRoot: standIn.apiRoot, logger: pino({ level: 'debug' }, capture) });
  });
  afterEach(() => standIn.close());

  it('429 → rate-limited, retry_after seconds as milliseconds', async () => {
    standIn.scriptSends(CHAT, { kind: 'rate-limited', retryAfter: 7 });
    expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toEqual({
      status: 'rate-limited',
      retryAfterMs: 7000,
      reason: 'telegram 429: Too Many Requests: retry after 7',
    });
  });

  it.each([
    'Forbidden: bot was blocked by the user',
    'Forbidden: user is deactivated',
    "Forbidden: bot can't initiate conversation with a user",
  ])('403 "%s" → blocked', async (description) => {
    standIn.scriptSends(CHAT, { kind: 'blocked', description });
    expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toEqual({
      status: 'blocked',
      reason: `telegram 403: ${description}`,
    });
  });

  it('500 → transient-error', async () => {
    standIn.scriptSends(CHAT, { kind: 'server-error' });
    expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toMatchObject({ status: 'transient-error' });
  });

  it('400 → failed', async () => {
    standIn.scriptSends(CHAT, { kind: 'bad-request', description: 'Bad Request: chat not found' });
    expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toEqual({
      status: 'failed',
      reason: 'telegram 400: Bad Request: chat not found',
    });
  });

  it('a connection reset → transient-error', async () => {
    standIn.scriptSends(CHAT, { kind: 'connection-reset' });
    expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toEqual({
      status: 'transient-error',
      reason: 'network: ECONNRESET',
    });
  });

  it('nothing listening → transient-error', async () => {
    await standIn.close();
    expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toEqual({
      status: 'transient-error',
      reason: 'network: ECONNREFUSED',
    });
    standIn = await createTelegramStandIn(); // for afterEach
  });

  // Answers that are no Bot API answers (a proxy's page, a broken stand-in) never throw out of send.
  it('a 502 HTML page → transient-error', async () => {
    standIn.scriptSends(CHAT, { kind: 'garbage', status: 502, body: '<html>Bad Gateway</html>' });
    expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toMatchObject({ status: 'transient-error', reason: expect.stringContaining('telegram 502') });
  });

  it('a 200 that is not a Bot API answer → delivery unknown', async () => {
    for (const body of ['<html>ok</html>', { result: 'yes' }, [1, 2], { ok: 'true' }]) {
      standIn.scriptSends(CHAT, { kind: 'garbage', status: 200, body });
      expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toEqual({ status: 'unknown', reason: 'telegram: unreadable answer (http 200)' });
    }
  });

  it('a refusal without a Bot API body is judged by its status', async () => {
    standIn.scriptSends(CHAT, { kind: 'garbage', status: 403, body: 'Forbidden' });
    expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toEqual({ status: 'blocked', reason: 'telegram 403: unreadable answer' });
    standIn.scriptSends(CHAT, { kind: 'garbage', status: 429, body: { ok: false } });
    expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toMatchObject({ status: 'rate-limited', retryAfterMs: 1000 });
  });

  it('ok without a usable message id is sent, without an external id', async () => {
    standIn.scriptSends(CHAT, { kind: 'garbage', status: 200, body: { ok: true, result: { message_id: 'x' } } });
    expect(await channel.send(CHAT, { kind: 'text', text: TEXT })).toEqual({ status: 'sent' });
  });

  it('only the scripted sends fail; the chat recovers afterwards', async () => {
    standIn.scriptSends(CHAT, { kind: 'server-error' }, 2);
    expect((await channel.send(CHAT, { kind: 'text', text: TEXT })).status).toBe('transient-error');
    expect((await channel.send(CHAT, { kind: 'text', text: TEXT })).status).toBe('transient-error');
    expect((await channel.send(CHAT, { kind: 'text', text: TEXT })).status).toBe('sent');
    expect((await channel.send('42002', { kind: 'text', text: TEXT })).status).toBe('sent');
  });

  it('never puts the token, the chat id or the message text in reasons or logs', async () => {
    standIn.scriptSends(CHAT, { kind: 'connection-reset' });
    standIn.scriptSends(CHAT, { kind: 'blocked' });
    const results = [
      await channel.send(CHAT, { kind: 'text', text: TEXT }),
      await channel.send(CHAT, { kind: 'text', text: TEXT }),
    ];
    await standIn.close();
    results.push(await channel.send(CHAT, { kind: 'text', text: TEXT }));
    standIn = await createTelegramStandIn();

    expect(logs).toContain('telegram send failed');
    const everything = `${JSON.stringify(results)}\n${logs}`;
    for (const secret of ['SECRET-token-value', CHAT, TEXT]) expect(everything).not.toContain(secret);
  });
});
