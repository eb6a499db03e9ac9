import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { migratedDataDir, spawnMain, type MainProcess } from '../support/main-process.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';

/**
 * `npm start` with only TELEGRAM_BOT_TOKEN set (long polling, the README's laptop setup), run
 * as a child process: no webhook route, loopback only, and `npm run chat` beside it talks to
 * this server (same database) rather than to a copy.
 */

const TOKEN = '7012345678:AAH4kQ9vZxW1yT2uR3sP4oN5mL6kJ7iH8gF';
let standIn: TelegramStandIn;
let data: { path: string; remove(): void };
let server: MainProcess;
let url: string;

beforeAll(async () => {
  standIn = await createTelegramStandIn();
  data = await migratedDataDir();
  server = spawnMain({ DATA_DIR: data.path, PORT: '0', SEED_DEMO: 'false', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: standIn.apiRoot });
  url = (JSON.parse(await server.waitForLine(/server started/, 240_000)) as { url: string }).url;
}, 300_000);

afterAll(async () => {
  server?.signal('SIGTERM');
  await server?.exited;
  await standIn?.close();
  data?.remove();
}, 60_000);

describe('npm start in long-polling mode', () => {
  it('has no Telegram webhook route: nobody can post updates as any chat', async () => {
    await standIn.waitForCalls('getUpdates', 1);
    const update = { update_id: 1, message: { message_id: 1, date: 1, chat: { id: 4242, type: 'private' }, from: { id: 4242, is_bot: false, first_name: 'X' }, text: 'halo' } };
    const response = await fetch(`${url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update) });
    expect(response.status).toBe(404);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', details: { telegram: 'on' } });
  });

  it('listens on 127.0.0.1 unless HOST says otherwise', async () => {
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const port = new URL(url).port;
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (outside) {
      await expect(fetch(`http://${outside.address}:${port}/healthz`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
    }
  });

  it('npm run chat talks to this server: its lines and replies are in the server database', async () => {
    expect(existsSync(join(data.path, 'console-server'))).toBe(true);
    const chat = spawnMain({ DATA_DIR: data.path, SEED_DEMO: 'false' }, { script: 'src/cli/chat.ts', stdin: true });
    await chat.waitForLine(/npm start/);
    chat.input?.write('halo\n');
    chat.input?.end();
    expect(await chat.exited).toBe(0);
    const output = chat.output();
    expect(output).toContain('Terhubung ke server yang sedang berjalan');
    // No second database beside the server's.
    expect(existsSync(join(data.path, 'chat'))).toBe(false);

    // The server still holds the database: read what it stored once it has stopped.
    server.signal('SIGINT');
    expect(await server.exited).toBe(0);
    expect(existsSync(join(data.path, 'console-server'))).toBe(false);
    const db = await openDatabase({ dataDir: join(data.path, 'pglite') });
    try {
      const inbound = await db.prisma.inboundMessage.findMany({ where: { channel: 'console' } });
      // Its text is redacted once answered: the kind of content stays.
      expect(inbound.map((row) => (row.payload as { content: { kind: string } }).content.kind)).toEqual(['text']);
      const replies = await db.prisma.outboundMessage.findMany({ where: { channel: 'console', chatId: inbound[0]!.chatId } });
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.every((reply) => reply.status === 'sent')).toBe(true);
      // What the server sent is what the terminal showed.
      const firstLine = (replies[0]!.payload as { text: string }).text.split('\n')[0]!;
      expect(output).toContain(firstLine);
    } finally {
      await db.close();
    }
    expect(readFileSync(join(data.path, 'console-secret'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
  }, 300_000);
});
