import { describe, expect, it } from 'vitest';
import { toInboundMessage } from '../../../src/channels/telegram/to-inbound-message.js';
import { callbackUpdate, PERSON, textUpdate } from './fake-updates.js';

const chat = { id: PERSON.id, type: 'private', first_name: 'Siti' };
const message = (fields: object) => ({ update_id: 1, message: { message_id: 1, date: 1_700_000_000, chat, ...fields } });
const deep = (depth: number) => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('telegram toInboundMessage: malformed updates', () => {
  // Each is unreadable: dropped (acknowledged) and never stored, whatever the field holds.
  const unreadable: Array<[string, object, string]> = [
    ['message is a string', { update_id: 1, message: 'halo' }, 'message'],
    ['message is null', { update_id: 1, message: null }, 'message'],
    ['message is a list', { update_id: 1, message: [] }, 'message'],
    ['chat is missing', { update_id: 1, message: { message_id: 1, date: 1, text: 'halo' } }, 'message.chat'],
    ['chat is null', message({ chat: null, text: 'halo' }), 'message.chat'],
    ['chat id is a string', message({ chat: { ...chat, id: '42' }, text: 'halo' }), 'message.chat.id'],
    ['chat id is fractional', message({ chat: { ...chat, id: 4.2 }, text: 'halo' }), 'message.chat.id'],
    ['chat id is beyond 2^53', message({ chat: { ...chat, id: 2 ** 60 }, text: 'halo' }), 'message.chat.id'],
    ['chat type is a number', message({ chat: { ...chat, type: 1 }, text: 'halo' }), 'message.chat.type'],
    ['text is a number', message({ text: 42 }), 'message.text'],
    ['text is null', message({ text: null }), 'message.text'],
    ['text is deeply nested', message({ text: deep(5_000) }), 'message.text'],
    ['caption is an object', message({ photo: [{ file_id: 'f' }], caption: { a: 1 } }), 'message.caption'],
    ['photo is a string', message({ photo: 'p' }), 'message.photo'],
    ['photo file_id is a number', message({ photo: [{ file_id: 7 }] }), 'message.photo.#.file_id'],
    ['photo file_id has a NUL', message({ photo: [{ file_id: 'a\u0000b' }] }), 'message.photo.#.file_id'],
    ['location is null', message({ location: null }), 'message.location'],
    ['latitude is a string', message({ location: { latitude: '1', longitude: 1 } }), 'message.location.latitude'],
    ['latitude is deeply nested', message({ location: { latitude: deep(5_000), longitude: 1 } }), 'message.location.latitude'],
    ['latitude out of range', message({ location: { latitude: 91, longitude: 1 } }), 'message.location.latitude'],
    ['longitude out of range', message({ location: { latitude: 1, longitude: -181 } }), 'message.location.longitude'],
    ['venue title is deeply nested', message({ location: { latitude: 1, longitude: 1 }, venue: { title: deep(5_000) } }), 'message.venue.title'],
    ['venue is null', message({ location: { latitude: 1, longitude: 1 }, venue: null }), 'message.venue'],
    ['callback_query is null', { update_id: 1, callback_query: null }, 'callback_query'],
    ['callback_query is a number', { update_id: 1, callback_query: 7 }, 'callback_query'],
    ['callback query id is missing', { update_id: 1, callback_query: { data: 'menu', message: { chat } } }, 'callback_query.id'],
    ['callback data is deeply nested', { update_id: 1, callback_query: { id: 'q', data: deep(5_000), message: { chat } } }, 'callback_query.data'],
    ['callback message has no chat', { update_id: 1, callback_query: { id: 'q', data: 'menu', message: { message_id: 1 } } }, 'callback_query.message.chat'],
  ];
  it.each(unreadable)('%s → unreadable, naming the field and no value', (_name, update, field) => {
    expect(toInboundMessage(update as { update_id: number })).toEqual({ kind: 'unreadable', field });
  });

  it('a field it does not read may hold anything', () => {
    const read = toInboundMessage({ ...textUpdate('halo'), extra: deep(5_000) } as { update_id: number });
    expect(read).toMatchObject({ kind: 'message', message: { content: { kind: 'text', text: 'halo' } } });
    const odd = toInboundMessage(message({ text: 'halo', from: null, entities: 'x', date: 'yesterday' }));
    expect(odd).toMatchObject({ kind: 'message', message: { content: { kind: 'text', text: 'halo' } } });
    expect(odd.kind === 'message' ? odd.message.receivedAt : 'not a message').toBeUndefined();
  });

  it('an odd keyboard only loses the button label', () => {
    const update = callbackUpdate('menu.status');
    (update.callback_query.message as Record<string, unknown>).reply_markup = { inline_keyboard: 'x' };
    expect(toInboundMessage(update)).toMatchObject({ kind: 'message', callbackQueryId: update.callback_query.id, message: { content: { kind: 'choice', choiceId: 'menu.status' } } });
  });

  it('cleans NUL and lone surrogates and bounds the length of what it stores', () => {
    const text = (update: object) => {
      const read = toInboundMessage(update as { update_id: number });
      return read.kind === 'message' && read.message.content.kind === 'text' ? read.message.content.text : undefined;
    };
    expect(text(textUpdate('a\u0000b'))).toBe('ab');
    expect(text(textUpdate('a\ud800b\udc00'))).toBe('a\ufffdb\ufffd');
    expect(text(textUpdate('😀'))).toBe('😀');
    expect(text(textUpdate('x'.repeat(100_000)))).toHaveLength(4_096);
    const read = toInboundMessage(message({ location: { latitude: 1, longitude: 2 }, venue: { title: `\u0000${'v'.repeat(1_000)}` } }));
    expect(read.kind === 'message' && read.message.content).toEqual({ kind: 'location', latitude: 1, longitude: 2, name: 'v'.repeat(256) });
  });

  it('groups, channels and edits stay ignored', () => {
    expect(toInboundMessage(message({ chat: { id: -1, type: 'group' }, text: 'halo' }))).toEqual({ kind: 'ignored' });
    expect(toInboundMessage({ update_id: 1, edited_message: { chat, text: 'x' } } as { update_id: number })).toEqual({ kind: 'ignored' });
  });
});
