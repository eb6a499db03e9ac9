import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/create-app.js';
import { startServer } from '../../src/server/start-server.js';

const SECRET = 'hook-secret_1';
const healthy = async () => ({ ok: true });

/** Stands in for the Telegram channel: records what reached it, and can fail or stall. */
function recordingTarget(webhookSecret: string | null = SECRET) {
  const handled: unknown[] = [];
  let failures = 0;
  let gate: Promise<void> | undefined;
  return {
    handled,
    failNext: () => void (failures += 1),
    holdUntil: (promise: Promise<void>) => void (gate = promise),
    ...(webhookSecret !== null && { webhookSecret }),
    async handleUpdate(update: unknown) {
      if (gate) await gate;
      if (failures > 0) {
        failures -= 1;
        throw new Error('insert into inbound_message failed: chat 42001 text "Cek NIK 3604..."');
      }
      handled.push(update);
    },
  };
}

function post(body: string, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }) {
  return new Request('http://localhost/webhooks/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

const UPDATE = { update_id: 9001, message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'hi' } };

describe('POST /webhooks/telegram', () => {
  it('404 when Telegram is not configured', async () => {
    const app = createApp({ health: healthy });
    const response = await app.request(post(JSON.stringify(UPDATE)));
    expect(response.status).toBe(404);
  });

  it('401 without the secret header, or with a wrong one, and nothing is handled', async () => {
    const target = recordingTarget();
    const app = createApp({ telegram: target, health: healthy });
    expect((await app.request(post(JSON.stringify(UPDATE), {}))).status).toBe(401);
    expect((await app.request(post(JSON.stringify(UPDATE), { 'x-telegram-bot-api-secret-token': 'wrong' }))).status).toBe(401);
    expect((await app.request(post(JSON.stringify(UPDATE), { 'x-telegram-bot-api-secret-token': `${SECRET}x` }))).status).toBe(401);
    expect(target.handled).toEqual([]);
  });

  it('refuses every caller when no secret is configured', async () => {
    const target = recordingTarget(null);
    const app = createApp({ telegram: target, health: healthy });
    expect((await app.request(post(JSON.stringify(UPDATE), {}))).status).toBe(401);
    expect((await app.request(post(JSON.stringify(UPDATE), { 'x-telegram-bot-api-secret-token': '' }))).status).toBe(401);
    expect(target.handled).toEqual([]);
  });

  it('400 on malformed JSON, non-objects and objects without an update_id', async () => {
    const target = recordingTarget();
    const app = createApp({ telegram: target, health: healthy });
    for (const body of ['{"update_id": 1,', '', '[1,2]', '"text"', 'null', '42', '{"message":{}}', '{"update_id":"7"}']) {
      const response = await app.request(post(body));
      expect(response.status, body).toBe(400);
      expect(await response.json()).toEqual({ ok: false });
    }
    expect(target.handled).toEqual([]);
  });

  it('413 when the body is over 1 MiB, declared or streamed', async () => {
    const target = recordingTarget();
    const app = createApp({ telegram: target, health: healthy });
    const big = JSON.stringify({ ...UPDATE, padding: 'x'.repeat(1024 * 1024) });
    // In process, the Request carries no Content-Length: the limit is counted while streaming.
    expect((await app.request(post(big))).status).toBe(413);

    // Through a real socket: fetch declares Content-Length.
    const server = await startServer(app, 0, '127.0.0.1');
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: big,
      });
      expect(response.status).toBe(413);
    } finally {
      await server.close();
    }
    expect(target.handled).toEqual([]);
  });

  it('200 only after the update was handled (stored)', async () => {
    const target = recordingTarget();
    let release!: () => void;
    target.holdUntil(new Promise<void>((resolve) => (release = resolve)));
    const app = createApp({ telegram: target, health: healthy });

    let answered = false;
    const pending = Promise.resolve(app.request(post(JSON.stringify(UPDATE)))).then((response) => {
      answered = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);

    release();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(target.handled).toEqual([UPDATE]);
  });

  it('503 without details when storing fails, so Telegram retries; the retry then succeeds', async () => {
    const target = recordingTarget();
    target.failNext();
    const app = createApp({ telegram: target, health: healthy });
    const failed = await app.request(post(JSON.stringify(UPDATE)));
    expect(failed.status).toBe(503);
    const body = await failed.text();
    expect(body).toBe('{"ok":false}');

    const retried = await app.request(post(JSON.stringify(UPDATE)));
    expect(retried.status).toBe(200);
    expect(target.handled).toEqual([UPDATE]);
  });

  it('only POST is routed', async () => {
    const app = createApp({ telegram: recordingTarget(), health: healthy });
    const response = await app.request('/webhooks/telegram', { headers: { 'x-telegram-bot-api-secret-token': SECRET } });
    expect(response.status).toBe(404);
  });
});
