/**
 * Bot API updates as Telegram sends them, for tests. Shapes follow the Bot API docs; only the
 * fields the adapter or Telegraf read are filled in.
 */

let nextUpdateId = 500_000;
let nextMessageId = 1;

export const PERSON = { id: 42_001, is_bot: false, first_name: 'Siti', language_code: 'id' };

const privateChat = (chatId: number) => ({ id: chatId, type: 'private', first_name: 'Siti' });
const DATE = 1_700_000_000;

function messageUpdate(chat: object, fields: object, updateId = nextUpdateId++) {
  return {
    update_id: updateId,
    message: { message_id: nextMessageId++, date: DATE, chat, from: PERSON, ...fields },
  };
}

export function textUpdate(text: string, chatId = PERSON.id, updateId?: number) {
  const entities = text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {};
  return messageUpdate(privateChat(chatId), { text, ...entities }, updateId);
}

export function photoUpdate(caption?: string, chatId = PERSON.id) {
  return messageUpdate(privateChat(chatId), {
    photo: [
      { file_id: 'small-file', file_unique_id: 's1', width: 90, height: 60, file_size: 1_000 },
      { file_id: 'large-file', file_unique_id: 'l1', width: 1280, height: 960, file_size: 90_000 },
    ],
    ...(caption !== undefined && { caption }),
  });
}

export function locationUpdate(latitude: number, longitude: number, chatId = PERSON.id) {
  return messageUpdate(privateChat(chatId), { location: { latitude, longitude } });
}

export function venueUpdate(latitude: number, longitude: number, title: string, chatId = PERSON.id) {
  const location = { latitude, longitude };
  return messageUpdate(privateChat(chatId), { location, venue: { location, title, address: 'Jl. Veteran' } });
}

export function stickerUpdate(chatId = PERSON.id) {
  return messageUpdate(privateChat(chatId), {
    sticker: { file_id: 'sticker-file', file_unique_id: 'st1', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false },
  });
}

export function voiceUpdate(chatId = PERSON.id) {
  return messageUpdate(privateChat(chatId), { voice: { file_id: 'voice-file', file_unique_id: 'v1', duration: 3 } });
}

export function groupTextUpdate(text: string) {
  return messageUpdate({ id: -100_200_300, type: 'group', title: 'Kelompok PKH' }, { text });
}

export function supergroupTextUpdate(text: string) {
  return messageUpdate({ id: -100_200_301, type: 'supergroup', title: 'Pendamping' }, { text });
}

export function channelPostUpdate(text: string) {
  return {
    update_id: nextUpdateId++,
    channel_post: { message_id: nextMessageId++, date: DATE, chat: { id: -100_999, type: 'channel', title: 'Info' }, text },
  };
}

export function editedTextUpdate(text: string, chatId = PERSON.id) {
  return {
    update_id: nextUpdateId++,
    edited_message: { message_id: nextMessageId++, date: DATE, edit_date: DATE + 5, chat: privateChat(chatId), from: PERSON, text },
  };
}

/** A tap on an inline button under a bot message that carried `buttons`. */
export function callbackUpdate(data: string, chatId = PERSON.id, buttons: Array<{ text: string; callback_data: string }> = []) {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `cbq-${nextUpdateId}`,
      from: PERSON,
      chat_instance: 'ci-1',
      data,
      message: {
        message_id: nextMessageId++,
        date: DATE,
        chat: privateChat(chatId),
        from: { id: 7000001, is_bot: true, first_name: 'KPM Test Bot' },
        text: 'Pilih:',
        ...(buttons.length > 0 && { reply_markup: { inline_keyboard: buttons.map((button) => [button]) } }),
      },
    },
  };
}

/** A button under a message sent in inline mode: no chat at all. */
export function inlineCallbackUpdate(data: string) {
  return {
    update_id: nextUpdateId++,
    callback_query: { id: `cbq-${nextUpdateId}`, from: PERSON, chat_instance: 'ci-2', inline_message_id: 'im-1', data },
  };
}

/** The person blocked the bot: Telegram's my_chat_member news, not a message. */
export function blockedUpdate(chatId = PERSON.id) {
  return {
    update_id: nextUpdateId++,
    my_chat_member: {
      chat: privateChat(chatId),
      from: PERSON,
      date: DATE,
      old_chat_member: { status: 'member', user: { id: 7000001, is_bot: true, first_name: 'KPM Test Bot' } },
      new_chat_member: { status: 'kicked', until_date: 0, user: { id: 7000001, is_bot: true, first_name: 'KPM Test Bot' } },
    },
  };
}
