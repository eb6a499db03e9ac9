import pino from 'pino';
import type { InboundMessage } from '../../src/channels/channel-port.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app/create-runtime.js';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createApp } from '../../src/server/create-app.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';
import { textUpdate } from '../channels/telegram/fake-updates.js';

const SECRET = 'hostile-secret';
const logger = pino({ level: 'silent' });
const DEPTH = 4_600;

/** `{"a":{"a":…1…}}` nested `depth` levels, as raw JSON (JSON.stringify itself would overflow on it). */
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A private-chat update with `field` (a path inside the update) replaced by a deeply nested object. */
function deepUpdate(updateId: number, chatId: number, where: 'text' | 'data' | 'caption' | 'latitude' | 'venue'): string {
  const chat = `{"id":${chatId},"type":"private","first_name":"X"}`;
  const deep = deepJson(DEPTH);
  const message = (fields: string) => `{"message_id":1,"date":1700000000,"chat":${chat},${fields}}`;
  switch (where) {
    case 'text':
      return `{"update_id":${updateId},"message":${message(`"text":${deep}`)}}`;
    case 'caption':
      return `{"update_id":${updateId},"message":${message(`"photo":[{"file_id":"f","file_unique_id":"u","width":1,"height":1}],"caption":${deep}`)}}`;
    case 'latitude':
      return `{"update_id":${updateId},"message":${message(`"location":{"latitude":${deep},"longitude":106.1}`)}}`;
    case 'venue':
      return `{"update_id":${updateId},"message":${message(`"location":{"latitude":-6.1,"longitude":106.1},"venue":{"title":${deep},"address":"x"}`)}}`;
    case 'data':
      return `{"update_id":${updateId},"callback_query":{"id":"q1","chat_instance":"c","from":{"id":${chatId},"is_bot":false,"first_name":"X"},"data":${deep},"message":${message('"text":"Pilih"')}}}`;
  }
}

/**
 * Hostile and broken updates against the real server: real Telegraf, the real engine and
 * database, the Bot API stood in. None may end the process, poison its neighbours, or be
 * answered 5xx (which makes Telegram deliver it again forever).
 */
describe.each(backends)('Telegram webhook under hostile input on $kind', (backend) => {
  let db: TestDatabase;
  let standIn: TelegramStandIn;
  let telegram: TelegramChannel;
  let runtime: Runtime;
  let server: RunningServer;
  let nextId = 9_000_000;
  /** What reached the engine: the stored text itself is redacted once the message is processed. */
  let received: InboundMessage[] = [];

  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    standIn = await createTelegramStandIn();
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_SECRET: SECRET, SEED_DEMO: 'false' });
    telegram = createTelegramChannel({ token: '123:abc', apiRoot: standIn.apiRoot, webhookSecret: SECRET, publicUrl: 'http://127.0.0.1:1' });
    const rateLimits = () => ({ perChatPerSecond: 100, perChatBurst: 100, globalPerSecond: 10_000 });
    runtime = await createRuntime({ config, db, channels: [telegram], logger, rateLimits });
    server = await startServer(createApp({ telegram, health: async () => ({ ok: true }) }), 0, '127.0.0.1');
    runtime.start();
    received = [];
    await telegram.start({ receive: (message) => (received.push(message), runtime.engine.receive(message)) });
  });

  afterEach(async () => {
    if (backend.skipReason) return;
    await telegram.stop();
    await server.close();
    await runtime.stop();
    await standIn.close();
    await db.dispose();
  });

  async function post(body: string | object): Promise<number> {
    const response = await fetch(`http://127.0.0.1:${server.port}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    await response.body?.cancel();
    return response.status;
  }

  /** A valid text from a fresh chat is stored and answered: the server is alive and well. */
  async function expectStillAnswering(): Promise<void> {
    const chatId = nextId++;
    const before = standIn.sent.length;
    expect(await post(textUpdate('halo', chatId))).toBe(200);
    const sent = await standIn.waitForMessages(before + 1, 10_000);
    expect(sent.some((message) => message.chat_id === String(chatId))).toBe(true);
  }

  it.skipIf(backend.skipReason)('deeply nested text, button data, caption, latitude and venue title are refused, and the server keeps answering', async () => {
    for (const where of ['text', 'data', 'caption', 'latitude', 'venue'] as const) {
      const body = deepUpdate(nextId++, nextId++, where);
      expect(body.length).toBeGreaterThan(27_000);
      const status = await post(body);
      expect(status, where).toBeGreaterThanOrEqual(200);
      expect(status, where).toBeLessThan(500);
      // Let a batched write that might throw run before checking the process is alive.
      await new Promise((resolve) => setImmediate(resolve));
      await expectStillAnswering();
    }
    const stored = await db.prisma.inboundMessage.findMany({ select: { payload: true } });
    expect(JSON.stringify(stored.map((row) => row.payload))).not.toContain('"a"');
  });

  it.skipIf(backend.skipReason)('NUL and lone surrogates are stored cleaned, and every neighbour in the burst gets 200', async () => {
    const poisonChat = nextId;
    nextId += 3;
    const poisons = [textUpdate('NIK\u0000 3673035203789001', poisonChat), textUpdate('halo \ud800 kak', poisonChat + 1), textUpdate('\udc00', poisonChat + 2)];
    const neighbours = Array.from({ length: 60 }, () => textUpdate('halo', nextId++));
    const all = [...neighbours.slice(0, 30), ...poisons, ...neighbours.slice(30)];
    const statuses = await Promise.all(all.map((update) => post(update)));
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    const rows = await db.prisma.inboundMessage.findMany({
      where: { chatId: { in: [0, 1, 2].map((offset) => String(poisonChat + offset)) } },
      orderBy: { chatId: 'asc' },
    });
    expect(rows.map((row) => row.chatId)).toEqual([0, 1, 2].map((offset) => String(poisonChat + offset)));
    const poisonTexts = rows.map((row) => received.find((message) => message.externalId === row.externalId)?.content);
    expect(poisonTexts.map((content) => (content?.kind === 'text' ? content.text : undefined))).toEqual([
      'NIK 3673035203789001',
      'halo \ufffd kak',
      '\ufffd',
    ]);
    // Every neighbour and every cleaned message gets its answer.
    await standIn.waitForMessages(all.length, 15_000);
  });

  it.skipIf(backend.skipReason)('malformed updates with a valid secret get 2xx or 400, never 5xx, and change nothing', async () => {
    const chat = { id: nextId++, type: 'private', first_name: 'X' };
    const malformed: Array<[string, unknown]> = [
      ['message is a string', { update_id: nextId++, message: 'halo' }],
      ['message is null', { update_id: nextId++, message: null }],
      ['message without chat', { update_id: nextId++, message: { message_id: 1, date: 1, text: 'halo' } }],
      ['chat is null', { update_id: nextId++, message: { message_id: 1, date: 1, chat: null, text: 'halo' } }],
      ['chat id is a string', { update_id: nextId++, message: { message_id: 1, date: 1, chat: { ...chat, id: 'x' }, text: 'halo' } }],
      ['location is null', { update_id: nextId++, message: { message_id: 1, date: 1, chat, location: null } }],
      ['latitude out of range', { update_id: nextId++, message: { message_id: 1, date: 1, chat, location: { latitude: 1e9, longitude: 0 } } }],
      ['text is a number', { update_id: nextId++, message: { message_id: 1, date: 1, chat, text: 42 } }],
      ['photo is not a list', { update_id: nextId++, message: { message_id: 1, date: 1, chat, photo: 'p' } }],
      ['venue without title', { update_id: nextId++, message: { message_id: 1, date: 1, chat, location: { latitude: 1, longitude: 1 }, venue: {} } }],
      ['callback_query is null', { update_id: nextId++, callback_query: null }],
      ['callback_query is a number', { update_id: nextId++, callback_query: 7 }],
      ['callback data is an object', { update_id: nextId++, callback_query: { id: 'q', data: { x: 1 }, message: { message_id: 1, date: 1, chat } } }],
      ['callback message chat missing', { update_id: nextId++, callback_query: { id: 'q', data: 'menu', message: { message_id: 1 } } }],
      ['update_id is a string', { update_id: 'x', message: { message_id: 1, date: 1, chat, text: 'halo' } }],
      ['an array', [1, 2, 3]],
      ['a deep array', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ];
    for (const [name, body] of malformed) {
      const status = await post(typeof body === 'string' ? body : JSON.stringify(body));
      expect([200, 400], name).toContain(status);
    }
    expect(await db.prisma.inboundMessage.count()).toBe(0);
    await expectStillAnswering();
  });
});
