import { createTelegramChannel } from '../../../src/channels/telegram/create-telegram-channel.js';
import { createTelegramStandIn, type SendBehaviour, type SentMessage } from '../../support/telegram-stand-in.js';
import { runChannelContract, type InjectedFailure, type PlatformMessage } from '../channel-contract.js';

const CHAT = '42001';

const FAILURES: Record<InjectedFailure, SendBehaviour> = {
  blocked: { kind: 'blocked' },
  'rate-limited': { kind: 'rate-limited', retryAfter: 3 },
  transient: { kind: 'server-error' },
  rejected: { kind: 'bad-request' },
};

function asPlatformMessage(sent: SentMessage): PlatformMessage {
  const markup = sent.reply_markup as { keyboard?: Array<Array<{ text: string }>> } | undefined;
  const text = sent.text ?? sent.caption;
  return {
    ...(text !== undefined && { text }),
    ...(markup?.keyboard && { buttons: markup.keyboard.flat().map((button) => button.text) }),
    ...(sent.method === 'sendPhoto' && { image: true as const }),
    externalId: String(sent.message_id),
  };
}

runChannelContract({
  name: 'telegram',
  async makeHarness() {
    const standIn = await createTelegramStandIn();
    return {
      channel: createTelegramChannel({ token: '123:test', apiRoot: standIn.apiRoot }),
      chatId: CHAT,
      received: async () => standIn.sent.filter((sent) => sent.chat_id === CHAT).map(asPlatformMessage),
      injectFailure: (failure) => standIn.scriptSends(CHAT, FAILURES[failure]),
      // Telegram re-sends a photo it already holds by its file_id.
      deliverableImage: 'telegram:file:AgACAgQAAxkBAAIB',
      dispose: () => standIn.close(),
    };
  },
});
