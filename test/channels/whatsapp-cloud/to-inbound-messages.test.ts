import { describe, expect, it } from 'vitest';
import { toInboundMessages } from '../../../src/channels/whatsapp-cloud/to-inbound-messages.js';
import {
  buttonReply,
  change,
  failedStatus,
  imageMessage,
  listReply,
  locationMessage,
  messagesPost,
  PHONE_NUMBER_ID,
  status,
  statusesPost,
  stickerMessage,
  STRANGER,
  textMessage,
  webhookPost,
} from './fake-payloads.js';

const read = (payload: unknown) => toInboundMessages(payload, PHONE_NUMBER_ID);

describe('toInboundMessages: messages', () => {
  it('text: chat id and sender phone are the wa_id, externalId the wamid, receivedAt from the timestamp', () => {
    const message = { ...textMessage(STRANGER, 'Cek NIK', 'wamid.A1'), timestamp: '1700000000' };
    expect(read(messagesPost(message))).toEqual({
      messages: [
        {
          channel: 'whatsapp-cloud',
          chatId: STRANGER,
          externalId: 'wamid.A1',
          content: { kind: 'text', text: 'Cek NIK' },
          sender: { phone: STRANGER },
          receivedAt: new Date(1_700_000_000_000),
        },
      ],
      deliveryUpdates: [],
      ignored: 0,
    });
  });

  it('button and list replies become choices carrying the id and the title', () => {
    const result = read(messagesPost(buttonReply(STRANGER, 'status', '2. Status bantuan'), listReply(STRANGER, 'eligibility', '1. Cek kelayakan')));
    expect(result?.messages.map((message) => message.content)).toEqual([
      { kind: 'choice', choiceId: 'status', text: '2. Status bantuan' },
      { kind: 'choice', choiceId: 'eligibility', text: '1. Cek kelayakan' },
    ]);
  });

  it('a template quick-reply button becomes a choice with its payload', () => {
    const message = { from: STRANGER, id: 'wamid.B', timestamp: '1700000000', type: 'button', button: { payload: 'menu', text: 'Buka menu' } };
    expect(read(messagesPost(message))?.messages[0]?.content).toEqual({ kind: 'choice', choiceId: 'menu', text: 'Buka menu' });
  });

  it('image: a media reference to the Cloud API media id, with caption and mime type', () => {
    const result = read(messagesPost(imageMessage(STRANGER, '1122334455', 'Foto warung')));
    expect(result?.messages[0]?.content).toEqual({ kind: 'image', mediaRef: 'whatsapp-cloud:media:1122334455', caption: 'Foto warung', mimeType: 'image/jpeg' });
    const bare = read(messagesPost(imageMessage(STRANGER, '99')));
    expect(bare?.messages[0]?.content).toEqual({ kind: 'image', mediaRef: 'whatsapp-cloud:media:99', mimeType: 'image/jpeg' });
  });

  it('location, with its name when the person shared a place', () => {
    const result = read(messagesPost(locationMessage(STRANGER, -6.12, 106.15, 'Kantor Desa'), locationMessage(STRANGER, -6.2, 106.1)));
    expect(result?.messages.map((message) => message.content)).toEqual([
      { kind: 'location', latitude: -6.12, longitude: 106.15, name: 'Kantor Desa' },
      { kind: 'location', latitude: -6.2, longitude: 106.1 },
    ]);
  });

  it('stickers, audio, reactions and unknown kinds are unsupported, never dropped', () => {
    const audio = { from: STRANGER, id: 'wamid.au', timestamp: '1', type: 'audio', audio: { id: 'a1', mime_type: 'audio/ogg', voice: true } };
    const reaction = { from: STRANGER, id: 'wamid.re', timestamp: '1', type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '👍' } };
    const flowReply = { from: STRANGER, id: 'wamid.nf', timestamp: '1', type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: {} } };
    const result = read(messagesPost(stickerMessage(STRANGER), audio, reaction, flowReply));
    expect(result?.messages.map((message) => message.content)).toEqual([
      { kind: 'unsupported', platformType: 'sticker' },
      { kind: 'unsupported', platformType: 'audio' },
      { kind: 'unsupported', platformType: 'reaction' },
      { kind: 'unsupported', platformType: 'interactive.nfm_reply' },
    ]);
  });

  it('a sender without a phone number (username + business-scoped id) is a chat, but no phone factor', () => {
    const message = { from_user_id: 'ID.1502576394655843', id: 'wamid.U', timestamp: '1700000000', type: 'text', text: { body: 'halo' } };
    const [inbound] = read(messagesPost(message))?.messages ?? [];
    expect(inbound?.chatId).toBe('ID.1502576394655843');
    expect(inbound?.sender).toBeUndefined();
  });

  it('reads every entry, change and message of a batched post, in order', () => {
    const payload = webhookPost(
      [change({ messages: [textMessage('6281200000011', 'a', 'w1'), textMessage('6281200000012', 'b', 'w2')] }), change({ messages: [textMessage('6281200000011', 'c', 'w3')] })],
      [change({ messages: [textMessage('6281200000013', 'd', 'w4')], statuses: [status('wamid.out.1', 'read')] })],
    );
    const result = read(payload);
    expect(result?.messages.map((message) => [message.externalId, message.chatId])).toEqual([
      ['w1', '6281200000011'],
      ['w2', '6281200000012'],
      ['w3', '6281200000011'],
      ['w4', '6281200000013'],
    ]);
    expect(result?.deliveryUpdates).toEqual([{ channel: 'whatsapp-cloud', externalId: 'wamid.out.1', status: 'read' }]);
  });

  it('skips one unreadable message without losing the rest of the batch', () => {
    const broken = { from: STRANGER, type: 'text', text: { body: 'no id' } };
    const result = read(webhookPost([change({ messages: [textMessage(STRANGER, 'ok', 'w-ok'), broken as never] })]));
    expect(result?.messages.map((message) => message.externalId)).toEqual(['w-ok']);
    expect(result?.ignored).toBe(1);
  });

  it('skips system notices, other webhook fields and changes for another phone number of the account', () => {
    const system = { from: STRANGER, id: 'wamid.sys', timestamp: '1', type: 'system', system: { body: 'User changed number', type: 'user_changed_number' } };
    const templateNews = { field: 'message_template_status_update', value: { event: 'APPROVED', message_template_name: 'x' } };
    const payload = webhookPost([change({ messages: [system] }), templateNews as never, change({ messages: [textMessage(STRANGER, 'hi')] }, '999999999999')]);
    expect(read(payload)).toEqual({ messages: [], deliveryUpdates: [], ignored: 3 });
  });

  it('is undefined for something that is not a webhook post', () => {
    for (const payload of [{}, { entry: 'x' }, { entry: [{ changes: 'x' }] }, [], null, 'text']) expect(read(payload)).toBeUndefined();
  });
});

describe('toInboundMessages: statuses', () => {
  it('sent, delivered and read become delivery updates on the wamid', () => {
    const result = read(statusesPost(status('wamid.o1', 'sent'), status('wamid.o1', 'delivered'), status('wamid.o2', 'read')));
    expect(result?.deliveryUpdates).toEqual([
      { channel: 'whatsapp-cloud', externalId: 'wamid.o1', status: 'sent' },
      { channel: 'whatsapp-cloud', externalId: 'wamid.o1', status: 'delivered' },
      { channel: 'whatsapp-cloud', externalId: 'wamid.o2', status: 'read' },
    ]);
    expect(result?.messages).toEqual([]);
  });

  it('failed carries the first error as the reason, with no phone number in it', () => {
    const result = read(statusesPost(failedStatus('wamid.o3', 131047, 'Re-engagement message'), { ...status('wamid.o4', 'failed') }));
    expect(result?.deliveryUpdates).toEqual([
      { channel: 'whatsapp-cloud', externalId: 'wamid.o3', status: 'failed', reason: 'whatsapp-cloud 131047: Re-engagement message' },
      { channel: 'whatsapp-cloud', externalId: 'wamid.o4', status: 'failed', reason: 'whatsapp-cloud error: no description' },
    ]);
    const withNumber = read(statusesPost(failedStatus('wamid.o5', 131026, `Undeliverable to ${STRANGER}`)));
    expect(withNumber?.deliveryUpdates[0]?.reason).not.toContain(STRANGER);
  });

  it('statuses it does not know (deleted, warning) are skipped', () => {
    const result = read(statusesPost(status('wamid.o6', 'deleted' as never), status('wamid.o7', 'warning' as never)));
    expect(result).toEqual({ messages: [], deliveryUpdates: [], ignored: 2 });
  });
});

describe('toInboundMessages: malformed items', () => {
  const deep = (depth: number) => {
    let value: unknown = 'x';
    for (let i = 0; i < depth; i++) value = { a: value };
    return value;
  };
  const base = () => textMessage(STRANGER, 'halo', 'wamid.base');
  // Each is skipped on its own (counted as ignored); the good message beside it is still read.
  const malformed: Array<[string, unknown]> = [
    ['a number', 7],
    ['a string', 'halo'],
    ['text body is a number', { ...base(), text: { body: 42 } }],
    ['text is null', { ...base(), text: null }],
    ['text body is deeply nested', { ...base(), text: { body: deep(5_000) } }],
    ['id is a number', { ...base(), id: 7 }],
    ['id is empty', { ...base(), id: '' }],
    ['id has a NUL', { ...base(), id: 'wamid.\u0000' }],
    ['id has a lone surrogate', { ...base(), id: 'wamid.\ud800' }],
    ['id is 10,000 characters', { ...base(), id: 'w'.repeat(10_000) }],
    ['from is a number', { ...base(), from: 6281299990001 }],
    ['from has a newline', { ...base(), from: '6281\n' }],
    ['type is missing', { ...base(), type: undefined }],
    ['location is null', { ...base(), type: 'location', location: null }],
    ['latitude is a string', { ...base(), type: 'location', location: { latitude: '1', longitude: 1 } }],
    ['latitude out of range', { ...base(), type: 'location', location: { latitude: -91, longitude: 1 } }],
    ['image id is an object', { ...base(), type: 'image', image: { id: { a: 1 } } }],
    ['interactive reply id is a number', { ...base(), type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 1 } } }],
  ];
  it.each(malformed)('%s → skipped alone', (_name, item) => {
    const result = read(messagesPost(item as never, textMessage(STRANGER, 'ok', 'w-ok')));
    expect(result?.messages.map((message) => message.externalId)).toEqual(['w-ok']);
    expect(result?.ignored).toBe(1);
  });

  it('cleans NUL and lone surrogates, and bounds lengths, in everything it stores', () => {
    const messages = [
      textMessage(STRANGER, `a\u0000b\ud800${'x'.repeat(10_000)}`, 'w1'),
      { ...buttonReply(STRANGER, 'menu\u0000.status', 'Status\udc00', 'w2') },
      locationMessage(STRANGER, -6.1, 106.1, `Kantor\u0000${'k'.repeat(1_000)}`, 'w3'),
    ];
    const contents = read(messagesPost(...messages))?.messages.map((message) => message.content);
    expect(contents).toEqual([
      { kind: 'text', text: `ab\ufffd${'x'.repeat(4_093)}` },
      { kind: 'choice', choiceId: 'menu.status', text: 'Status\ufffd' },
      { kind: 'location', latitude: -6.1, longitude: 106.1, name: `Kantor${'k'.repeat(250)}` },
    ]);
  });

  it('skips statuses with an unusable id and cleans the reason of the rest', () => {
    const result = read(statusesPost(failedStatus('wamid.\u0000', 131026, 'x'), failedStatus('wamid.o9', 131026, 'Bad\u0000 \ud800')));
    expect(result?.deliveryUpdates).toEqual([
      { channel: 'whatsapp-cloud', externalId: 'wamid.o9', status: 'failed', reason: 'whatsapp-cloud 131026: Bad \ufffd' },
    ]);
    expect(result?.ignored).toBe(1);
  });
});
