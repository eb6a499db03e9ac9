import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../../src/channels/telegram/telegram-channel.js';
import { createTelegramStandIn, type TelegramStandIn } from '../../support/telegram-stand-in.js';
import {
  blockedUpdate,
  callbackUpdate,
  channelPostUpdate,
  editedTextUpdate,
  groupTextUpdate,
  inlineCallbackUpdate,
  locationUpdate,
  PERSON,
  photoUpdate,
  stickerUpdate,
  supergroupTextUpdate,
  textUpdate,
  venueUpdate,
  voiceUpdate,
} from './fake-updates.js';
import { createRecordingSink, type RecordingSink } from './recording-sink.js';

// Real Telegraf processes each update (bot.handleUpdate) against a stand-in Bot API.
describe('telegram channel: update → InboundMessage', () => {
  let standIn: TelegramStandIn;
  let channel: TelegramChannel;
  let sink: RecordingSink;

  beforeEach(async () => {
    standIn = await createTelegramStandIn();
    channel = createTelegramChannel({ token: '123:test', apiRoot: standIn.apiRoot, publicUrl: 'https://bot.example' });
    sink = createRecordingSink();
    await channel.start(sink);
  });
  afterEach(async () => {
    await channel.stop();
    await standIn.close();
  });

  it('maps a text message, with the update_id as externalId', async () => {
    const update = textUpdate('Cek NIK');
    await channel.handleUpdate(update);
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

  it('passes /start through as plain text', async () => {
    await channel.handleUpdate(textUpdate('/start'));
    expect(sink.stored[0]?.content).toEqual({ kind: 'text', text: '/start' });
  });

  it('maps a callback button to a choice, with its label, and answers the callback query', async () => {
    const update = callbackUpdate('menu.cek', PERSON.id, [
      { text: '1. Cek kelayakan', callback_data: 'menu.cek' },
      { text: '2. Status bantuan', callback_data: 'menu.status' },
    ]);
    await channel.handleUpdate(update);
    expect(sink.stored[0]).toMatchObject({
      chatId: String(PERSON.id),
      externalId: String(update.update_id),
      content: { kind: 'choice', choiceId: 'menu.cek', text: '1. Cek kelayakan' },
    });
    const answers = standIn.callsOf('answerCallbackQuery');
    expect(answers.map((call) => call.payload.callback_query_id)).toEqual([update.callback_query.id]);
  });

  it('answers the callback query only after the choice is stored', async () => {
    sink.failNext();
    await expect(channel.handleUpdate(callbackUpdate('menu.cek'))).rejects.toThrow();
    expect(standIn.callsOf('answerCallbackQuery')).toHaveLength(0);
  });

  it('maps a photo to an image referencing the largest size, with its caption', async () => {
    await channel.handleUpdate(photoUpdate('KTP saya'));
    expect(sink.stored[0]?.content).toEqual({ kind: 'image', mediaRef: 'telegram:file:large-file', caption: 'KTP saya' });
  });

  it('maps a location, and a venue with its name', async () => {
    await channel.handleUpdate(locationUpdate(-6.12, 106.15));
    await channel.handleUpdate(venueUpdate(-6.11, 106.16, 'Kantor Dinsos'));
    expect(sink.stored.map((message) => message.content)).toEqual([
      { kind: 'location', latitude: -6.12, longitude: 106.15 },
      { kind: 'location', latitude: -6.11, longitude: 106.16, name: 'Kantor Dinsos' },
    ]);
  });

  it('maps stickers and voice notes to unsupported, naming the type', async () => {
    await channel.handleUpdate(stickerUpdate());
    await channel.handleUpdate(voiceUpdate());
    expect(sink.stored.map((message) => message.content)).toEqual([
      { kind: 'unsupported', platformType: 'sticker' },
      { kind: 'unsupported', platformType: 'voice' },
    ]);
  });

  it('ignores groups, supergroups, channels, edits, membership news and chat-less buttons', async () => {
    for (const update of [
      groupTextUpdate('halo semua'),
      supergroupTextUpdate('halo'),
      channelPostUpdate('pengumuman'),
      editedTextUpdate('Cek NIK (edit)'),
      blockedUpdate(),
      inlineCallbackUpdate('menu.cek'),
    ]) {
      await channel.handleUpdate(update);
    }
    expect(sink.received).toEqual([]);
  });

  it('ignores a body that is not an update', async () => {
    await channel.handleUpdate({ hello: 'world' });
    await channel.handleUpdate('nope');
    expect(sink.received).toEqual([]);
  });

  it('rejects when the sink fails, so the webhook can ask Telegram to retry', async () => {
    sink.failNext();
    const update = textUpdate('1');
    await expect(channel.handleUpdate(update)).rejects.toThrow('storage unavailable');
    await channel.handleUpdate(update);
    expect(sink.stored.map((message) => message.externalId)).toEqual([String(update.update_id)]);
  });

  it('reports a redelivered update to the sink again (the sink dedupes it)', async () => {
    const update = textUpdate('2');
    await channel.handleUpdate(update);
    await channel.handleUpdate(update);
    expect(sink.received).toHaveLength(2);
    expect(sink.stored).toHaveLength(1);
  });

  it('sends nothing back over the webhook path or the Bot API while receiving', async () => {
    await channel.handleUpdate(textUpdate('halo'));
    expect(standIn.sent).toEqual([]);
  });
});

describe('telegram channel: before start', () => {
  it('rejects updates until a sink is registered, and again after stop', async () => {
    const standIn = await createTelegramStandIn();
    const channel = createTelegramChannel({ token: '123:test', apiRoot: standIn.apiRoot, publicUrl: 'https://bot.example' });
    try {
      await expect(channel.handleUpdate(textUpdate('halo'))).rejects.toThrow(/start/);
      const sink = createRecordingSink();
      await channel.start(sink);
      await channel.handleUpdate(textUpdate('halo'));
      await channel.stop();
      await expect(channel.handleUpdate(textUpdate('halo lagi'))).rejects.toThrow(/start/);
      expect(sink.stored).toHaveLength(1);
    } finally {
      await standIn.close();
    }
  });
});
