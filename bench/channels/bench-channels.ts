import { createHmac } from 'node:crypto';
import { loadLuaScript, type LoadLuaOptions } from '../wrk/load-lua-script.js';

/**
 * How the bench speaks to one channel's webhook: chat ids, a single request (calibration) and
 * the wrk script (load). The server child reads the same constants from its environment.
 */
export type BenchChannelName = 'telegram' | 'whatsapp-cloud';

export interface BenchChannel {
  name: BenchChannelName;
  label: string;
  webhookPath: string;
  /** The platform chat id of bench chat number `chat` (what the stand-in sees as the recipient). */
  chatKey(chat: number): string;
  /** One webhook request carrying `text` from chat number `chat`, with a unique message id `id`. */
  request(chat: number, id: number, text: string): { headers: Record<string, string>; body: string };
  lua(options: Omit<LoadLuaOptions, 'channel' | 'path'>): string;
  /** What the server child needs to build this channel (beside the stand-in's address). */
  serverEnv: Record<string, string>;
}

export const TELEGRAM_SECRET = 'bench-webhook-secret';
const CLOUD = { appSecret: 'bench-app-secret', phoneNumberId: '1234567890', verifyToken: 'bench-verify-token', token: 'bench-graph-token', phonePrefix: '628' };

export const telegramBench: BenchChannel = {
  name: 'telegram',
  label: 'Telegram',
  webhookPath: '/webhooks/telegram',
  chatKey: (chat) => String(chat),
  request(chat, id, text) {
    const body = JSON.stringify({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chat, type: 'private', first_name: 'Bench' },
        from: { id: chat, is_bot: false, first_name: 'Bench' },
        text,
        // A command carries a bot_command entity, as Telegram sends it.
        ...(text.startsWith('/') && { entities: [{ offset: 0, length: text.split(' ')[0]!.length, type: 'bot_command' }] }),
      },
    });
    return { headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET }, body };
  },
  lua: (options) => loadLuaScript({ ...options, path: '/webhooks/telegram', channel: { kind: 'telegram', secret: TELEGRAM_SECRET } }),
  serverEnv: { BENCH_CHANNEL: 'telegram', BENCH_SECRET: TELEGRAM_SECRET },
};

/** Bench chat numbers become Indonesian-looking numbers no demo KPM has, so the name is always asked. */
function cloudPhone(chat: number): string {
  return `${CLOUD.phonePrefix}${String(chat).padStart(10, '0')}`;
}

export const whatsappCloudBench: BenchChannel = {
  name: 'whatsapp-cloud',
  label: 'WhatsApp Cloud API',
  webhookPath: '/webhooks/whatsapp',
  chatKey: cloudPhone,
  request(chat, id, text) {
    const from = cloudPhone(chat);
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'bench-waba',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550000000', phone_number_id: CLOUD.phoneNumberId },
                contacts: [{ profile: { name: 'Bench' }, wa_id: from }],
                messages: [{ from, id: `wamid.bench.${id}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
              },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', CLOUD.appSecret).update(body).digest('hex')}`;
    return { headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body };
  },
  lua: (options) => loadLuaScript({ ...options, path: '/webhooks/whatsapp', channel: { kind: 'whatsapp-cloud', appSecret: CLOUD.appSecret, phoneNumberId: CLOUD.phoneNumberId, phonePrefix: CLOUD.phonePrefix } }),
  serverEnv: {
    BENCH_CHANNEL: 'whatsapp-cloud',
    BENCH_CLOUD_APP_SECRET: CLOUD.appSecret,
    BENCH_CLOUD_PHONE_NUMBER_ID: CLOUD.phoneNumberId,
    BENCH_CLOUD_VERIFY_TOKEN: CLOUD.verifyToken,
    BENCH_CLOUD_TOKEN: CLOUD.token,
  },
};

export const BENCH_CHANNELS: Record<BenchChannelName, BenchChannel> = { telegram: telegramBench, 'whatsapp-cloud': whatsappCloudBench };
