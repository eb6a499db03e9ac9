import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/create-telegram-channel.js';
import { createTelegramStandIn, type TelegramStandIn } from '../../support/telegram-stand-in.js';
import { createRecordingSink } from './recording-sink.js';

describe('telegram channel: start with a publicUrl (webhook mode)', () => {
  let standIn: TelegramStandIn;

  beforeEach(async () => {
    standIn = await createTelegramStandIn();
  });
  afterEach(() => standIn.close());

  it('registers the webhook with its secret and the update types it reads, and never polls', async () => {
    const channel = createTelegramChannel({
      token: '123:test',
      apiRoot: standIn.apiRoot,
      publicUrl: 'https://kpm.example.go.id/',
      webhookSecret: 'hook-secret_1',
    });
    await channel.start(createRecordingSink());
    expect(standIn.webhook).toEqual({
      url: 'https://kpm.example.go.id/webhooks/telegram',
      secret_token: 'hook-secret_1',
      allowed_updates: ['message', 'callback_query'],
    });
    expect(channel.webhookPath).toBe('/webhooks/telegram');
    expect(channel.webhookSecret).toBe('hook-secret_1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(standIn.callsOf('getUpdates')).toEqual([]);
    expect(standIn.callsOf('deleteWebhook')).toEqual([]);
    await channel.stop();
    expect(standIn.webhook).toBeDefined(); // Telegram keeps queueing for the next start
  });

  it('rejects start when the Bot API is unreachable, and can start once it is back', async () => {
    const apiRoot = standIn.apiRoot;
    await standIn.close();
    const channel = createTelegramChannel({ token: '123:test', apiRoot, publicUrl: 'https://kpm.example.go.id' });
    await expect(channel.start(createRecordingSink())).rejects.toThrow();
    standIn = await createTelegramStandIn({ port: Number(new URL(apiRoot).port) });
    await channel.start(createRecordingSink());
    expect(standIn.webhook?.url).toBe('https://kpm.example.go.id/webhooks/telegram');
  });
});
