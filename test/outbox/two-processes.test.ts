import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, createEmptyPostgresDatabase } from '../support/backends.js';
import { postUpdate, startServerChild, telegramText, type ServerChild } from '../support/server-child.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';

const SECRET = 'two-processes-secret';
/** What every chat says, one message per round, each round's message to the other server. */
const ROUNDS = ['halo', 'bantuan', 'menu'];
/** The FAQ's first line (locales/id/translation.json, help.title): the reply to 'bantuan'. */
const FAQ_TITLE = 'Tanya jawab:';
const postgres = backends.find((backend) => backend.kind === 'postgres')!;

// Issue 6.5: in a process that did not hold the outbox lease, the sender loop never slept after
// its first wake(): a full core, and its webhooks and /healthz timed out.
describe('two servers on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let standIn: TelegramStandIn;
  const servers: ServerChild[] = [];

  beforeEach(async () => {
    if (postgres.skipReason) return;
    database = await createEmptyPostgresDatabase();
    standIn = await createTelegramStandIn();
  });
  afterEach(async () => {
    if (postgres.skipReason) return;
    await Promise.all(servers.splice(0).map((server) => server.kill()));
    await standIn.close();
    await database.drop();
  });

  it.skipIf(postgres.skipReason)('both answer webhooks and /healthz promptly while one leads the outbox; every reply goes once, each chat in order', { timeout: 300_000 }, async () => {
    const env = {
      DATABASE_URL: database.url,
      PORT: '0',
      TELEGRAM_BOT_TOKEN: '123:two-processes',
      TELEGRAM_API_ROOT: standIn.apiRoot,
      PUBLIC_URL: 'https://kpm.example.go.id',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    };
    servers.push(await startServerChild(env));
    servers.push(await startServerChild(env));
    const chats = 20;
    const slow: string[] = [];
    let updateId = 1;
    for (let round = 0; round < 3 && slow.length < 3; round += 1) {
      for (let chat = 0; chat < chats && slow.length < 3; chat += 1) {
        // Each chat writes to both servers in turn, as a load balancer would spread them.
        const server = servers[(chat + round) % 2]!;
        const started = Date.now();
        const status = await postUpdate(server.port, SECRET, telegramText(updateId++, 5_000 + chat, ROUNDS[round]!));
        if (status !== 200 || Date.now() - started > 2_000) slow.push(`webhook on ${server.port}: ${status} after ${Date.now() - started} ms`);
      }
      for (const server of servers) {
        const started = Date.now();
        const health = await fetch(`http://127.0.0.1:${server.port}/healthz`, { signal: AbortSignal.timeout(3_000) }).then((r) => r.status, () => 0);
        if (health !== 200 || Date.now() - started > 2_000) slow.push(`healthz on ${server.port}: ${health} after ${Date.now() - started} ms`);
      }
    }
    expect(slow).toEqual([]);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const expected = async () => (await client.query<{ n: string }>("SELECT count(*) AS n FROM outbound_message")).rows[0]!.n;
      const unsent = async () => Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM outbound_message WHERE status <> 'sent'")).rows[0]!.n);
      await expect.poll(async () => (await client.query("SELECT 1 FROM inbound_message")).rowCount, { timeout: 30_000 }).toBe(chats * 3);
      await expect.poll(unsent, { timeout: 30_000 }).toBe(0);
      const total = Number(await expected());
      expect(total).toBeGreaterThanOrEqual(chats * 3);
      await standIn.waitForMessages(total, 10_000);
      // Give a duplicate the chance to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(standIn.sent).toHaveLength(total);
      // Per chat, in order: the platform got the replies in the order the outbox made them, and
      // the FAQ (the answer to the second message) came after the first message's replies and
      // before the third's, although each message went to the other server.
      const made = await client.query<{ chat_id: string; text: string }>("SELECT chat_id, payload->>'text' AS text FROM outbound_message ORDER BY id");
      for (let chat = 0; chat < chats; chat += 1) {
        const chatId = String(5_000 + chat);
        const delivered = standIn.sent.filter((message) => message.chat_id === chatId).map((message) => message.text);
        expect(delivered).toEqual(made.rows.filter((row) => row.chat_id === chatId).map((row) => row.text));
        const faq = delivered.map((text, index) => (text?.includes(FAQ_TITLE) ? index : -1)).filter((index) => index >= 0);
        expect(faq).toHaveLength(1);
        expect(faq[0]).toBeGreaterThan(0);
        expect(faq[0]).toBeLessThan(delivered.length - 1);
      }
      const leases = await client.query<{ holder: string }>('SELECT holder FROM lease');
      expect(new Set(leases.rows.map((row) => row.holder)).size).toBe(1);
    } finally {
      await client.end();
    }
  });
});
