import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app/create-runtime.js';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { loadConfig } from '../../src/config/load-config.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { createApp } from '../../src/server/create-app.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';
import { textUpdate } from '../channels/telegram/fake-updates.js';

const SECRET = 'e2e-secret';
const NIK = '3673035203789001';
const logger = pino({ level: 'silent' });

/**
 * The whole product over Telegram: real Telegraf against a Bot API stand-in on loopback,
 * updates POSTed to the real webhook route, the real engine, flow, database and outbox.
 */
describe.each(backends)('Telegram end to end on $kind', (backend) => {
  let db: TestDatabase;
  let standIn: TelegramStandIn;
  let telegram: TelegramChannel;
  let runtime: Runtime;
  let server: RunningServer;

  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    await seedDemoData(db);
    standIn = await createTelegramStandIn();
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_SECRET: SECRET });
    telegram = createTelegramChannel({ token: '123:abc', apiRoot: standIn.apiRoot, webhookSecret: SECRET, publicUrl: 'http://127.0.0.1:1' });
    runtime = await createRuntime({
      config,
      db,
      channels: [telegram],
      logger,
      rateLimits: () => ({ perChatPerSecond: 100, perChatBurst: 100, globalPerSecond: 1_000 }),
    });
    server = await startServer(createApp({ telegram, health: async () => ({ ok: true }) }), 0);
    runtime.start();
    await telegram.start(runtime.engine);
  });

  afterEach(async () => {
    if (backend.skipReason) return;
    await telegram.stop();
    await server.close();
    await runtime.stop();
    await standIn.close();
    await db.dispose();
  });

  async function post(update: object, secret = SECRET): Promise<number> {
    const response = await fetch(`http://127.0.0.1:${server.port}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
    });
    return response.status;
  }

  /** Sends one text and returns the replies it produced (everything sent after it). */
  async function say(text: string, expectedReplies = 1): Promise<string> {
    const before = standIn.sent.length;
    expect(await post(textUpdate(text))).toBe(200);
    const sent = await standIn.waitForMessages(before + expectedReplies, 10_000);
    return sent.slice(before).map((message) => message.text ?? '').join('\n---\n');
  }

  it.skipIf(backend.skipReason)('checks eligibility and shows the disbursement status in one conversation', async () => {
    expect(standIn.webhook?.secret_token).toBe(SECRET);

    expect(await say('/start')).toMatch(/selamat datang/i);
    // Telegram has buttons: the numbered choices ride the keyboard.
    const keyboard = JSON.stringify(standIn.sent.at(-1)!.reply_markup);
    expect(keyboard).toContain('1. Cek data bansos saya');

    expect(await say('1')).toMatch(/NIK/);
    expect(await say(NIK)).toMatch(/nama lengkap/i);

    const summary = await say('SITI  contoh rahayu');
    expect(summary).toContain('S*** C***** R*****');
    expect(summary).toContain('Sukacontoh');
    expect(summary).toContain('Jamsosratu');
    expect(summary).not.toContain(NIK);
    expect(summary).not.toMatch(/Siti Contoh Rahayu/i);

    const status = await say('2');
    expect(status).toContain('14 Desember 2020');
    expect(status).toContain('Rp2.500.000');
    expect(status).toContain('BRI KC Serang');

    const audit = await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual(['link', 'disclose.eligibility', 'disclose.status']);
    expect(audit.every((entry) => entry.channel === 'telegram' && entry.recipientId !== null)).toBe(true);

    // The chat is linked: a later visit needs no NIK.
    expect(await say('1')).toContain('S*** C***** R*****');
  });

  it.skipIf(backend.skipReason)('answers a wrong name exactly like an unknown NIK', async () => {
    await say('1');
    await say(NIK);
    const wrongName = await say('Budi Santoso');
    await say('menu');
    await say('1');
    await say('3673035203789999');
    const unknownNik = await say('Budi Santoso');
    const withoutCount = (text: string) => text.replace(/\d+ kali/g, 'N kali');
    expect(withoutCount(wrongName)).toEqual(withoutCount(unknownNik));
    expect(await db.prisma.auditLog.count()).toBe(0);
  });

  it.skipIf(backend.skipReason)('acknowledges a redelivered update without answering it twice', async () => {
    const update = textUpdate('/start');
    expect(await post(update)).toBe(200);
    await standIn.waitForMessages(1, 10_000);
    expect(await post(update)).toBe(200);
    await runtime.engine.idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(standIn.sent).toHaveLength(1);
    expect(await post(textUpdate('/start'), 'wrong-secret')).toBe(401);
  });
});
