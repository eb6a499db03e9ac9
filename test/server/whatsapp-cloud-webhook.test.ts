import { describe, expect, it } from 'vitest';
import type { DeliveryUpdate } from '../../src/channels/channel-port.js';
import { createCloudChannel } from '../../src/channels/whatsapp-cloud/create-cloud-channel.js';
import { createApp } from '../../src/server/create-app.js';
import { startServer } from '../../src/server/start-server.js';
import { createRecordingSink } from '../channels/telegram/recording-sink.js';
import { cloudConfig } from '../channels/whatsapp-cloud/cloud-harness.js';
import {
  APP_SECRET,
  change,
  failedStatus,
  imageMessage,
  listReply,
  messagesPost,
  signatureOf,
  signedRequest,
  status,
  STRANGER,
  textMessage,
  VERIFY_TOKEN,
  webhookPost,
} from '../channels/whatsapp-cloud/fake-payloads.js';

const healthy = async () => ({ ok: true });
const PATH = '/webhooks/whatsapp';

/** The real Cloud channel (its Graph API is never called here) and a sink that records, and can fail. */
function setup() {
  const channel = createCloudChannel({ config: cloudConfig('http://127.0.0.1:9/v21.0'), lastInboundAt: async () => null });
  const updates: DeliveryUpdate[] = [];
  const sink = { ...createRecordingSink(), deliveryUpdate: async (update: DeliveryUpdate) => void updates.push(update) };
  const app = createApp({ whatsappCloud: { channel, sink }, health: healthy });
  return { app, sink, updates };
}

function post(body: string, headers: Record<string, string>) {
  return new Request(`http://localhost${PATH}`, { method: 'POST', headers, body });
}

function signedPost(payload: unknown, secret = APP_SECRET) {
  const { body, headers } = signedRequest(payload, secret);
  return post(body, headers);
}

function challenge(query: Record<string, string>) {
  return new Request(`http://localhost${PATH}?${new URLSearchParams(query)}`);
}

describe('GET /webhooks/whatsapp (verification handshake)', () => {
  it('answers the challenge as text/plain when mode and verify token are right', async () => {
    const { app } = setup();
    const response = await app.request(challenge({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('1158201444');
  });

  it('403 for a wrong or missing verify token, or another mode, without echoing the challenge', async () => {
    const { app } = setup();
    const queries: Array<Record<string, string>> = [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': `${VERIFY_TOKEN}x`, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' },
      { 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' },
    ];
    for (const query of queries) {
      const response = await app.request(challenge(query));
      expect(response.status, JSON.stringify(query)).toBe(403);
      expect(await response.text()).toBe('');
    }
  });

  it('400 when the challenge is missing or not a plain token', async () => {
    const { app } = setup();
    expect((await app.request(challenge({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN }))).status).toBe(400);
    expect((await app.request(challenge({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '<script>' }))).status).toBe(400);
  });
});

describe('POST /webhooks/whatsapp', () => {
  it('404 (both methods) when the Cloud API is not configured', async () => {
    const app = createApp({ health: healthy });
    expect((await app.request(signedPost(messagesPost(textMessage(STRANGER, 'halo'))))).status).toBe(404);
    expect((await app.request(challenge({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' }))).status).toBe(404);
  });

  it('a signed post is stored before the 200', async () => {
    const { app, sink } = setup();
    const message = textMessage(STRANGER, 'Cek NIK', 'wamid.first');
    const response = await app.request(signedPost(messagesPost(message)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(sink.stored).toMatchObject([{ channel: 'whatsapp-cloud', chatId: STRANGER, externalId: 'wamid.first', content: { kind: 'text', text: 'Cek NIK' }, sender: { phone: STRANGER } }]);
  });

  it('401, and nothing stored, for a wrong secret, a missing or malformed header, or a body changed after signing', async () => {
    const { app, sink } = setup();
    const payload = messagesPost(textMessage(STRANGER, 'palsu'));
    const { body, headers } = signedRequest(payload);
    const tampered = body.replace('palsu', 'PALSU');
    const requests = [
      signedPost(payload, 'not-the-app-secret'),
      post(body, { 'content-type': 'application/json' }),
      post(body, { 'x-hub-signature-256': signatureOf(body).replace('sha256=', '') }),
      post(body, { 'x-hub-signature-256': signatureOf(body).replace('sha256=', 'sha1=') }),
      post(body, { 'x-hub-signature-256': 'sha256=zz' }),
      post(tampered, headers),
      post(`${body} `, headers),
    ];
    for (const request of requests) expect((await app.request(request)).status).toBe(401);
    expect(sink.received).toEqual([]);
    // The untouched original still passes.
    expect((await app.request(post(body, headers))).status).toBe(200);
  });

  it('the signature covers the raw bytes, including non-ASCII text', async () => {
    const { app, sink } = setup();
    expect((await app.request(signedPost(messagesPost(textMessage(STRANGER, 'Terima kasih 🙏 Bu', 'wamid.emoji'))))).status).toBe(200);
    expect(sink.stored[0]?.content).toEqual({ kind: 'text', text: 'Terima kasih 🙏 Bu' });
  });

  it('400 for malformed JSON and for JSON that is not a webhook post, even when signed', async () => {
    const { app, sink } = setup();
    for (const body of ['{"entry": [', '', '[1,2]', '"text"', 'null', '42', '{"entry":"x"}', '{}']) {
      const response = await app.request(post(body, { 'x-hub-signature-256': signatureOf(body) }));
      expect(response.status, body).toBe(400);
      expect(await response.json()).toEqual({ ok: false });
    }
    const invalidUtf8 = Buffer.from([0x7b, 0xff, 0x7d]);
    const response = await app.request(
      new Request(`http://localhost${PATH}`, { method: 'POST', headers: { 'x-hub-signature-256': signatureOf(invalidUtf8) }, body: invalidUtf8 }),
    );
    expect(response.status).toBe(400);
    expect(sink.received).toEqual([]);
  });

  it('413 when the body is over 1 MiB, declared or streamed', async () => {
    const { app, sink } = setup();
    const payload = { ...messagesPost(textMessage(STRANGER, 'x')), padding: 'x'.repeat(1024 * 1024) };
    expect((await app.request(signedPost(payload))).status).toBe(413);
    const server = await startServer(app, 0, '127.0.0.1');
    try {
      const { body, headers } = signedRequest(payload);
      const response = await fetch(`http://127.0.0.1:${server.port}${PATH}`, { method: 'POST', headers, body });
      expect(response.status).toBe(413);
    } finally {
      await server.close();
    }
    expect(sink.received).toEqual([]);
  });

  it('a batched post stores every message of every entry and change, in order, and passes every status on', async () => {
    const { app, sink, updates } = setup();
    const payload = webhookPost(
      [change({ messages: [textMessage('6281200000021', 'satu', 'b1'), listReply('6281200000022', 'status', '2. Status bantuan', 'b2')] })],
      [
        change({ messages: [imageMessage('6281200000021', '55501', 'foto', 'b3')], statuses: [status('wamid.out.7', 'delivered')] }),
        change({ messages: [textMessage('6281200000023', 'empat', 'b4')], statuses: [failedStatus('wamid.out.8', 131026, 'Message undeliverable')] }),
      ],
    );
    expect((await app.request(signedPost(payload))).status).toBe(200);
    expect(sink.stored.map((message) => message.externalId)).toEqual(['b1', 'b2', 'b3', 'b4']);
    expect(updates).toEqual([
      { channel: 'whatsapp-cloud', externalId: 'wamid.out.7', status: 'delivered' },
      { channel: 'whatsapp-cloud', externalId: 'wamid.out.8', status: 'failed', reason: 'whatsapp-cloud 131026: Message undeliverable' },
    ]);
  });

  it('503 without details when storing fails, so Meta retries; the retry stores each message once', async () => {
    const { app, sink } = setup();
    const payload = messagesPost(textMessage(STRANGER, 'a', 'r1'), textMessage(STRANGER, 'b', 'r2'), textMessage(STRANGER, 'c', 'r3'));
    // The first message is stored, then storage fails on the second.
    const receive = sink.receive.bind(sink);
    let calls = 0;
    sink.receive = async (message) => {
      calls += 1;
      if (calls === 2) throw new Error('insert into inbound_message failed: 6281299990001 "b"');
      return receive(message);
    };
    const failed = await app.request(signedPost(payload));
    expect(failed.status).toBe(503);
    expect(await failed.text()).toBe('{"ok":false}');
    expect((await app.request(signedPost(payload))).status).toBe(200);
    expect(sink.stored.map((message) => message.externalId)).toEqual(['r1', 'r2', 'r3']);
  });

  it('a signed post with nothing for us (other fields, other numbers) is acknowledged, so Meta stops sending it', async () => {
    const { app, sink } = setup();
    const payload = webhookPost([
      { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } } as never,
      change({ messages: [textMessage(STRANGER, 'hi')] }, '999999999999'),
    ]);
    expect((await app.request(signedPost(payload))).status).toBe(200);
    expect(sink.received).toEqual([]);
  });

  it('other methods are not routed', async () => {
    const { app } = setup();
    expect((await app.request(new Request(`http://localhost${PATH}`, { method: 'PUT', body: '{}' }))).status).toBe(404);
  });
});
