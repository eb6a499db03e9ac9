import { randomBytes } from 'node:crypto';
import type { WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { altJidOf, toInboundMessage } from '../../../src/channels/whatsapp-baileys/to-inbound-message.js';
import {
  buttonReply,
  ephemeral,
  extendedText,
  image,
  inbound,
  listReply,
  liveLocation,
  location,
  nativeFlowReply,
  OTHER_PN_JID,
  reaction,
  revoke,
  SITI_LID_JID,
  SITI_PN_JID,
  sticker,
  templateReply,
  text,
  voiceNote,
} from '../../support/baileys-messages.js';

const from = { from: SITI_PN_JID };

describe('Baileys message → InboundMessage', () => {
  it('reads plain and extended text, also inside a disappearing-message wrapper', () => {
    const message = inbound(text('Cek NIK'), { ...from, id: '3EB0AAA1', timestamp: 1_732_150_123 });
    expect(toInboundMessage(message)).toEqual({
      channel: 'whatsapp',
      chatId: SITI_PN_JID,
      externalId: '3EB0AAA1',
      content: { kind: 'text', text: 'Cek NIK' },
      sender: { phone: '6281200000001' },
      receivedAt: new Date(1_732_150_123_000),
    });
    expect(toInboundMessage(inbound(extendedText('1'), from))?.content).toEqual({ kind: 'text', text: '1' });
    expect(toInboundMessage(inbound(ephemeral(extendedText('menu')), from))?.content).toEqual({ kind: 'text', text: 'menu' });
  });

  it('reads button, list, template and native-flow replies as choices with their labels', () => {
    expect(toInboundMessage(inbound(buttonReply('menu.status', '2. Status bantuan'), from))?.content).toEqual({
      kind: 'choice',
      choiceId: 'menu.status',
      text: '2. Status bantuan',
    });
    expect(toInboundMessage(inbound(listReply('menu.eligibility', 'Cek kelayakan'), from))?.content).toEqual({
      kind: 'choice',
      choiceId: 'menu.eligibility',
      text: 'Cek kelayakan',
    });
    expect(toInboundMessage(inbound(templateReply('menu.help', 'Bantuan'), from))?.content).toEqual({ kind: 'choice', choiceId: 'menu.help', text: 'Bantuan' });
    expect(toInboundMessage(inbound(nativeFlowReply('menu.language', 'Bahasa'), from))?.content).toEqual({
      kind: 'choice',
      choiceId: 'menu.language',
      text: 'Bahasa',
    });
  });

  it('marks an image to be fetched, with its caption and type', () => {
    const media = { url: 'https://mmg.whatsapp.net/o1/v/t62.7118-24/f1.enc', mediaKey: randomBytes(32), fileSha256: randomBytes(32), fileEncSha256: randomBytes(32), fileLength: 1234 };
    expect(toInboundMessage(inbound(image(media, 'Warung saya'), from))?.content).toEqual({ kind: 'image-to-fetch', caption: 'Warung saya', mimeType: 'image/jpeg' });
    expect(toInboundMessage(inbound(image(media), from))?.content).toEqual({ kind: 'image-to-fetch', mimeType: 'image/jpeg' });
  });

  it('reads shared and live locations', () => {
    expect(toInboundMessage(inbound(location(-6.1201, 106.1503, 'Kantor Desa Sukacontoh'), from))?.content).toEqual({
      kind: 'location',
      latitude: -6.1201,
      longitude: 106.1503,
      name: 'Kantor Desa Sukacontoh',
    });
    expect(toInboundMessage(inbound(liveLocation(-6.12, 106.15), from))?.content).toEqual({ kind: 'location', latitude: -6.12, longitude: 106.15 });
  });

  it('answers stickers and voice notes as unsupported, naming what they were', () => {
    expect(toInboundMessage(inbound(sticker(), from))?.content).toEqual({ kind: 'unsupported', platformType: 'stickerMessage' });
    expect(toInboundMessage(inbound(voiceNote(), from))?.content).toEqual({ kind: 'unsupported', platformType: 'audioMessage' });
  });

  it('ignores groups, status updates, broadcast lists, newsletters and the bot’s own messages', () => {
    expect(toInboundMessage(inbound(text('halo semua'), { from: '120363025246125486@g.us', participant: SITI_LID_JID, alt: SITI_PN_JID }))).toBeUndefined();
    expect(toInboundMessage(inbound(text('status'), { from: 'status@broadcast', participant: SITI_PN_JID }))).toBeUndefined();
    expect(toInboundMessage(inbound(text('siaran'), { from: '1732150000@broadcast', participant: SITI_PN_JID }))).toBeUndefined();
    expect(toInboundMessage(inbound(text('kabar'), { from: '120363166012345678@newsletter' }))).toBeUndefined();
    expect(toInboundMessage(inbound(text('dari bot'), { from: SITI_PN_JID, fromMe: true }))).toBeUndefined();
  });

  it('ignores housekeeping: reactions, deletions, and placeholders without content', () => {
    expect(toInboundMessage(inbound(reaction('3EB0X'), from))).toBeUndefined();
    expect(toInboundMessage(inbound(revoke('3EB0X'), from))).toBeUndefined();
    const placeholder = inbound(text('x'), from);
    delete placeholder.message;
    expect(toInboundMessage(placeholder)).toBeUndefined();
  });

  it('LID chat with the phone number as alt: reads the chat as named (the listener then picks the phone), vouches for the phone', () => {
    const message = toInboundMessage(inbound(text('halo'), { from: SITI_LID_JID, alt: SITI_PN_JID }));
    expect(message?.chatId).toBe(SITI_LID_JID);
    expect(message?.sender).toEqual({ phone: '6281200000001' });
  });

  it('LID chat without a phone: no phone is claimed', () => {
    const message = toInboundMessage(inbound(text('halo'), { from: SITI_LID_JID }));
    expect(message?.chatId).toBe(SITI_LID_JID);
    expect(message?.sender).toBeUndefined();
  });

  it('phone-number chat whose alt is a LID: the phone comes from the chat JID; device suffixes are dropped', () => {
    const message = toInboundMessage(inbound(text('halo'), { from: '6281399998888:12@s.whatsapp.net', alt: SITI_LID_JID }));
    expect(message?.chatId).toBe(OTHER_PN_JID);
    expect(message?.sender).toEqual({ phone: '6281399998888' });
  });

  it('reads `senderPn`, the older name of the phone alt', () => {
    const message = inbound(text('halo'), { from: SITI_LID_JID });
    Object.assign(message.key, { senderPn: SITI_PN_JID });
    expect(toInboundMessage(message)?.sender).toEqual({ phone: '6281200000001' });
    expect(altJidOf(message)).toBe(SITI_PN_JID);
  });

  it('names the other addressing of the person, without device part; nothing for groups\' participants or odd values', () => {
    expect(altJidOf(inbound(text('halo'), { from: SITI_LID_JID, alt: '6281200000001:3@s.whatsapp.net' }))).toBe(SITI_PN_JID);
    expect(altJidOf(inbound(text('halo'), { from: SITI_PN_JID, alt: SITI_LID_JID }))).toBe(SITI_LID_JID);
    expect(altJidOf(inbound(text('halo'), { from: SITI_LID_JID }))).toBeUndefined();
    expect(altJidOf(inbound(text('halo'), { from: '120363025246125486@g.us', participant: SITI_LID_JID, alt: SITI_PN_JID }))).toBeUndefined();
    const odd = inbound(text('halo'), { from: SITI_LID_JID });
    Object.assign(odd.key, { remoteJidAlt: '120363025246125486@g.us' });
    expect(altJidOf(odd)).toBeUndefined();
  });
});

describe('Baileys message → InboundMessage: malformed input', () => {
  const valid = () => inbound(text('halo'), from);
  const withKey = (key: object) => ({ ...valid(), key: { ...valid().key, ...key } }) as WAMessage;
  const withMessage = (message: unknown) => ({ ...valid(), message }) as WAMessage;
  // Each is not a person writing in a shape the bot can read: undefined, and no exception.
  const unreadable: Array<[string, WAMessage]> = [
    ['key is null', { ...valid(), key: null } as unknown as WAMessage],
    ['key is a string', { ...valid(), key: 'k' } as unknown as WAMessage],
    ['remoteJid is a number', withKey({ remoteJid: 6281200000001 })],
    ['id is a number', withKey({ id: 7 })],
    ['id is empty', withKey({ id: '' })],
    ['id has a NUL', withKey({ id: '3EB0\u0000' })],
    ['id is 10,000 characters', withKey({ id: 'A'.repeat(10_000) })],
    ['message is a string', withMessage('halo')],
    ['message is a number', withMessage(42)],
    ['conversation is a number and nothing else', withMessage({ conversation: 42 })],
    ['location out of range', withMessage({ locationMessage: { degreesLatitude: 91, degreesLongitude: 1 } })],
    ['location is NaN', withMessage({ locationMessage: { degreesLatitude: Number.NaN, degreesLongitude: 1 } })],
  ];
  it.each(unreadable)('%s → not read as text, choice or location', (_name, message) => {
    const read = toInboundMessage(message);
    expect(read === undefined || read.content.kind === 'unsupported').toBe(true);
  });

  it('a button id of the wrong type is no choice', () => {
    expect(toInboundMessage(withMessage({ buttonsResponseMessage: { selectedButtonId: { a: 1 } } }))?.content).toEqual({
      kind: 'unsupported',
      platformType: 'buttonsResponseMessage',
    });
  });

  it('an odd timestamp only loses the receipt time', () => {
    for (const messageTimestamp of ['x', -1, 2 ** 40, { low: 'x' }, null]) {
      const read = toInboundMessage({ ...valid(), messageTimestamp } as unknown as WAMessage);
      expect(read?.content).toEqual({ kind: 'text', text: 'halo' });
      expect(read?.receivedAt).toBeUndefined();
    }
  });

  it('cleans NUL and lone surrogates and bounds lengths in text, captions, labels and names', () => {
    // Built directly: the protobuf round trip would already turn a lone surrogate into U+FFFD bytes.
    expect(toInboundMessage(withMessage({ conversation: 'a\u0000b\ud800' }))?.content).toEqual({ kind: 'text', text: 'ab\ufffd' });
    expect(toInboundMessage(inbound(text('x'.repeat(10_000)), from))?.content).toEqual({ kind: 'text', text: 'x'.repeat(4_096) });
    expect(toInboundMessage(withMessage({ buttonsResponseMessage: { selectedButtonId: 'menu\u0000.status', selectedDisplayText: 'Status\udc00' } }))?.content).toEqual({
      kind: 'choice',
      choiceId: 'menu.status',
      text: 'Status\ufffd',
    });
    expect(toInboundMessage(inbound(location(-6.1, 106.1, `Kantor\u0000${'k'.repeat(1_000)}`), from))?.content).toEqual({
      kind: 'location',
      latitude: -6.1,
      longitude: 106.1,
      name: `Kantor${'k'.repeat(250)}`,
    });
  });
});
