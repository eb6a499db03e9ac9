import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../../src/channels/telegram/telegram-channel.js';
import { createTelegramStandIn, type TelegramStandIn } from '../../support/telegram-stand-in.js';
import { groupTextUpdate, textUpdate } from './fake-updates.js';
import { createRecordingSink, type RecordingSink } from './recording-sink.js';

describe('telegram channel: long polling (no publicUrl)', () => {
  let standIn: TelegramStandIn;
  let channel: TelegramChannel;
  let sink: RecordingSink;

  beforeEach(async () => {
    standIn = await createTelegramStandIn();
    channel = createTelegramChannel({ token: '123:test', apiRoot: standIn.apiRoot, pollTimeoutSeconds: 1 });
    sink = createRecordingSink();
  });
  afterEach(async () => {
    await channel.stop();
    await standIn.close();
  });

  it('removes a webhook without dropping what Telegram holds, then polls', async () => {
    await channel.start(sink);
    const [deleteWebhook] = standIn.callsOf('deleteWebhook');
    expect(deleteWebhook?.payload.drop_pending_updates).toBe(false);
    await standIn.waitForCalls('getUpdates', 1);
    expect(standIn.callsOf('setWebhook')).toEqual([]);
  });

  it('delivers queued updates to the sink once each, in order', async () => {
    const updates = [textUpdate('1'), textUpdate('Cek NIK'), groupTextUpdate('halo'), textUpdate('2')];
    standIn.queueUpdates(...updates);
    await channel.start(sink);
    await sink.waitForStored(3);

    const later = textUpdate('3');
    standIn.queueUpdates(later);
    await sink.waitForStored(4);
    // The next poll names an offset past everything handled: Telegram forgets them.
    const polls = await standIn.waitForCalls('getUpdates', standIn.callsOf('getUpdates').length + 1);
    expect(polls.at(-1)?.payload.offset).toBe(later.update_id + 1);

    expect(sink.received.map((message) => message.content)).toEqual([
      { kind: 'text', text: '1' },
      { kind: 'text', text: 'Cek NIK' },
      { kind: 'text', text: '2' },
      { kind: 'text', text: '3' },
    ]);
    expect(sink.received.map((message) => message.externalId)).toEqual(
      [updates[0], updates[1], updates[3], later].map((update) => String(update!.update_id)),
    );
  });

  it('drops malformed updates (acknowledged, never stored) and goes on with the valid ones', async () => {
    const chat = { id: 42_001, type: 'private' };
    let deep: unknown = 'x';
    for (let i = 0; i < 500; i++) deep = { a: deep }; // the stand-in must still be able to send it
    const first = textUpdate('satu');
    const malformed = [
      { update_id: first.update_id + 1, message: 'halo' },
      { update_id: first.update_id + 2, message: null },
      { update_id: first.update_id + 3, message: { message_id: 1, date: 1, chat, text: 42 } },
      { update_id: first.update_id + 4, message: { message_id: 1, date: 1, chat, text: deep } },
      { update_id: first.update_id + 5, message: { message_id: 1, date: 1, chat, location: null } },
      { update_id: first.update_id + 6, callback_query: null },
    ];
    const last = textUpdate('dua', 42_001, first.update_id + 7);
    standIn.queueUpdates(first, ...malformed, last);
    await channel.start(sink);
    await sink.waitForStored(2);
    expect(sink.received.map((message) => message.content)).toEqual([
      { kind: 'text', text: 'satu' },
      { kind: 'text', text: 'dua' },
    ]);
    await standIn.waitForCalls('getUpdates', standIn.callsOf('getUpdates').length + 1);
    expect(standIn.pendingUpdates()).toEqual([]);
  });

  it('fetches an update again when storing it failed, dropping nothing', async () => {
    const first = textUpdate('satu');
    const second = textUpdate('dua');
    sink.failNext();
    standIn.queueUpdates(first, second);
    await channel.start(sink);
    await sink.waitForStored(2);
    expect(sink.stored.map((message) => message.externalId)).toEqual([String(first.update_id), String(second.update_id)]);
    expect(sink.received.map((message) => message.externalId)).toEqual([
      String(first.update_id), // failed
      String(first.update_id),
      String(second.update_id),
    ]);
  });

  it('stop() ends polling and confirms what was stored', async () => {
    standIn.queueUpdates(textUpdate('1'), textUpdate('2'));
    await channel.start(sink);
    await sink.waitForStored(2);
    await channel.stop();
    expect(standIn.pendingUpdates()).toEqual([]);

    const pollsAtStop = standIn.callsOf('getUpdates').length;
    standIn.queueUpdates(textUpdate('after stop'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(standIn.callsOf('getUpdates')).toHaveLength(pollsAtStop);
    expect(sink.received).toHaveLength(2);
  });

  it('keeps polling through 5xx answers and honours retry_after', async () => {
    standIn.scriptPolls({ kind: 'server-error' }, 2);
    standIn.scriptPolls({ kind: 'rate-limited', retryAfter: 1 });
    standIn.queueUpdates(textUpdate('ada orang?'));
    await channel.start(sink);
    await sink.waitForStored(1, 10_000);
    expect(sink.stored[0]?.content).toEqual({ kind: 'text', text: 'ada orang?' });
    const polls = standIn.callsOf('getUpdates');
    expect(polls.length).toBeGreaterThanOrEqual(4);
    // The third poll got the 429 with retry_after 1: the fourth came no sooner than a second later.
    expect(polls[3]!.at - polls[2]!.at).toBeGreaterThanOrEqual(950);
  });

  it('keeps polling while a webhook set elsewhere answers 409, and resumes once it is gone', async () => {
    await channel.start(sink);
    await standIn.waitForCalls('getUpdates', 1);
    await botApi(standIn, 'setWebhook', { url: 'https://elsewhere.example/hook' });
    standIn.queueUpdates(textUpdate('ada orang?'));
    await standIn.waitForCalls('getUpdates', standIn.callsOf('getUpdates').length + 1);
    expect(sink.received).toEqual([]);
    await botApi(standIn, 'deleteWebhook', {});
    await sink.waitForStored(1, 10_000);
    expect(sink.stored[0]?.content).toEqual({ kind: 'text', text: 'ada orang?' });
  });

  it('refuses a second start', async () => {
    await channel.start(sink);
    await expect(channel.start(sink)).rejects.toThrow(/already started/);
  });
});

/** Another client of the same bot, talking to the Bot API directly. */
async function botApi(standIn: TelegramStandIn, method: string, payload: object): Promise<void> {
  const response = await fetch(`${standIn.apiRoot}/bot123:test/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  expect(response.ok).toBe(true);
}
