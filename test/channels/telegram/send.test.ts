import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../../src/channels/telegram/telegram-channel.js';
import { createTelegramStandIn, type TelegramStandIn } from '../../support/telegram-stand-in.js';

const CHAT = '42001';

describe('telegram channel: send', () => {
  let standIn: TelegramStandIn;
  let channel: TelegramChannel;

  beforeEach(async () => {
    standIn = await createTelegramStandIn();
    channel = createTelegramChannel({ token: '123:test', apiRoot: standIn.apiRoot });
  });
  afterEach(() => standIn.close());

  it('declares buttons and Telegram’s text limit', () => {
    expect(channel.name).toBe('telegram');
    expect(channel.capabilities).toEqual({ buttons: true, maxTextLength: 4096 });
  });

  it('sends plain text and reports the message id', async () => {
    const result = await channel.send(CHAT, { kind: 'text', text: 'Selamat datang' });
    expect(standIn.sent).toEqual([{ method: 'sendMessage', chat_id: CHAT, text: 'Selamat datang', message_id: 1 }]);
    expect(result).toEqual({ status: 'sent', externalId: '1' });
  });

  it('renders choices as a one-time reply keyboard, one labelled button per row', async () => {
    await channel.send(CHAT, {
      kind: 'text',
      text: 'Pilih layanan:',
      choices: [
        { id: 'cek', label: '1. Cek kelayakan' },
        { id: 'status', label: '2. Status bantuan' },
      ],
    });
    expect(standIn.sent[0]?.reply_markup).toEqual({
      keyboard: [[{ text: '1. Cek kelayakan' }], [{ text: '2. Status bantuan' }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    });
    expect(standIn.sent[0]?.text).toBe('Pilih layanan:');
  });

  it('splits text over 4096 characters at line boundaries, keyboard on the last part only', async () => {
    const line = 'Tahap penyaluran bantuan tercatat pada tanggal 14 Desember 2020.'; // 64 chars
    const lines = Array.from({ length: 150 }, (_, i) => `${String(i).padStart(3, '0')} ${line}`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(4096 * 2);

    const result = await channel.send(CHAT, { kind: 'text', text, choices: [{ id: 'menu', label: '0. Menu utama' }] });

    const parts = standIn.sent;
    expect(parts.length).toBe(3);
    for (const part of parts) expect(part.text!.length).toBeLessThanOrEqual(4096);
    // Every line arrives whole and in order.
    expect(parts.flatMap((part) => part.text!.split('\n'))).toEqual(lines);
    expect(parts.map((part) => part.reply_markup !== undefined)).toEqual([false, false, true]);
    expect(result).toEqual({ status: 'sent', externalId: String(parts.at(-1)!.message_id) });
  });

  it('sends a Telegram photo reference with its caption', async () => {
    const result = await channel.send(CHAT, { kind: 'image', mediaRef: 'telegram:file:AgACAgQ', caption: 'Bukti terima' });
    expect(standIn.sent).toEqual([
      { method: 'sendPhoto', chat_id: CHAT, photo: 'AgACAgQ', caption: 'Bukti terima', message_id: 1 },
    ]);
    expect(result).toEqual({ status: 'sent', externalId: '1' });
  });

  it('refuses, without calling Telegram, media it cannot resolve and blank text', async () => {
    expect(await channel.send(CHAT, { kind: 'image', mediaRef: 'media:abc123' })).toEqual({
      status: 'failed',
      reason: 'media reference not resolvable on telegram',
    });
    expect(await channel.send(CHAT, { kind: 'text', text: '  \n ' })).toEqual({ status: 'failed', reason: 'empty text' });
    expect(standIn.calls).toEqual([]);
  });

  it('stops at the first failing part and reports that failure', async () => {
    standIn.scriptSends(CHAT, { kind: 'delay', ms: 0 });
    standIn.scriptSends(CHAT, { kind: 'rate-limited', retryAfter: 2 });
    const text = `${'a'.repeat(4000)}\n${'b'.repeat(4000)}\n${'c'.repeat(4000)}`;
    const result = await channel.send(CHAT, { kind: 'text', text });
    expect(result).toMatchObject({ status: 'rate-limited', retryAfterMs: 2000 });
    expect(standIn.sent.map((part) => part.text![0])).toEqual(['a']);
    expect(standIn.callsOf('sendMessage')).toHaveLength(2);
  });
});
