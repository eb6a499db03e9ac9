import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { createApp } from '../../src/server/create-app.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';
import { callbackUpdate, PERSON, textUpdate } from '../channels/telegram/fake-updates.js';
import { createRecordingSink, type RecordingSink } from '../channels/telegram/recording-sink.js';

const SECRET = 'hook-secret_1';

// HTTP server → Hono route → real Telegraf channel → sink, with the Bot API stood in.
describe('telegram webhook, full path', () => {
  let standIn: TelegramStandIn;
  let channel: TelegramChannel;
  let sink: RecordingSink;
  let server: RunningServer;
  let webhookUrl: string;

  beforeEach(async () => {
    standIn = await createTelegramStandIn();
    channel = createTelegramChannel({
      token: '123:test',
      apiRoot: standIn.apiRoot,
      webhookSecret: SECRET,
      publicUrl: 'https://kpm.example.go.id',
    });
    sink = createRecordingSink();
    server = await startServer(createApp({ telegram: channel, health: async () => ({ ok: true }) }), 0, '127.0.0.1');
    await channel.start(sink);
    // Deliver where Telegram was told to, but on loopback.
    webhookUrl = standIn.webhook!.url.replace('https://kpm.example.go.id', `http://127.0.0.1:${server.port}`);
  });
  afterEach(async () => {
    await server.close();
    await channel.stop();
    await standIn.close();
  });

  function deliver(update: object, secret = standIn.webhook?.secret_token) {
    return fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== undefined && { 'x-telegram-bot-api-secret-token': secret }) },
      body: JSON.stringify(update),
    });
  }

  it('a POSTed update reaches the sink as the right InboundMessage before the 200', async () => {
    const update = textUpdate('Cek NIK');
    const response = await deliver(update);
    expect(response.status).toBe(200);
    expect(sink.stored).toEqual([
      {
        channel: 'telegram',
        chatId: String(PERSON.id),
        externalId: String(update.update_id),
        content: { kind: 'text', text: 'Cek NIK' },
        receivedAt: new Date(update.message.date * 1000),
      },
    ]);
  });

  it('a button press is stored as a choice and answered through the Bot API, not the webhook response', async () => {
    const update = callbackUpdate('menu.status');
    const response = await deliver(update);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(sink.stored[0]?.content).toEqual({ kind: 'choice', choiceId: 'menu.status' });
    expect(standIn.callsOf('answerCallbackQuery')).toHaveLength(1);
  });

  it('a forged update without the secret never reaches the sink', async () => {
    const response = await deliver(textUpdate('palsu'), 'guess');
    expect(response.status).toBe(401);
    expect(sink.received).toEqual([]);
  });

  it('503 while the sink fails; Telegram’s retry of the same update is stored once', async () => {
    const update = textUpdate('1');
    sink.failNext();
    expect((await deliver(update)).status).toBe(503);
    expect((await deliver(update)).status).toBe(200);
    expect((await deliver(update)).status).toBe(200); // a duplicate delivery
    expect(sink.stored.map((message) => message.externalId)).toEqual([String(update.update_id)]);
  });
});
