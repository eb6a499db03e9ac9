import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../../src/channels/channel-port.js';
import { createCloudChannel, OUTSIDE_WINDOW_REASON } from '../../../src/channels/whatsapp-cloud/create-cloud-channel.js';
import { createGraphApiStandIn, type GraphApiStandIn, type GraphBehaviour } from '../../support/graph-api-stand-in.js';
import { cloudConfig } from './cloud-harness.js';
import { PHONE_NUMBER_ID } from './fake-payloads.js';

const CHAT = '6281299990077';
const NOW = new Date('2026-03-02T08:00:00Z');
const HOUR = 60 * 60 * 1000;
const TEMPLATE = { name: 'kpm_lanjutkan', language: 'id' };
const hello: OutboundContent = { kind: 'text', text: 'Pengingat: bimtek besok pukul 09.00.' };

describe('whatsapp-cloud send', () => {
  let standIn: GraphApiStandIn;
  beforeEach(async () => {
    standIn = await createGraphApiStandIn();
  });
  afterEach(async () => {
    await standIn.close();
  });

  function channel(lastInboundAt: Date | null | Error = new Date(NOW.getTime() - HOUR), template?: typeof TEMPLATE) {
    const asked: string[] = [];
    const adapter = createCloudChannel({
      config: cloudConfig(standIn.apiBase, template ? { template } : {}),
      lastInboundAt: async (chatId) => {
        asked.push(chatId);
        if (lastInboundAt instanceof Error) throw lastInboundAt;
        return lastInboundAt;
      },
      now: () => NOW,
    });
    return { adapter, asked };
  }

  it('posts to /{phone-number-id}/messages with the bearer token, and returns the wamid', async () => {
    const { adapter, asked } = channel();
    const result = await adapter.send(CHAT, hello);
    expect(asked).toEqual([CHAT]);
    const [sent] = standIn.messages;
    expect(result).toEqual({ status: 'sent', externalId: sent?.id });
    expect(sent).toMatchObject({ phoneNumberId: PHONE_NUMBER_ID, to: CHAT });
    expect(sent?.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: CHAT, type: 'text', text: { body: hello.kind === 'text' ? hello.text : '', preview_url: false } });
  });

  it('a chat known only by its business-scoped user id is addressed through `recipient`', async () => {
    const { adapter } = channel();
    expect((await adapter.send('ID.1502576394655843', hello)).status).toBe('sent');
    expect(standIn.messages[0]?.body).toMatchObject({ recipient: 'ID.1502576394655843' });
    expect(standIn.messages[0]?.body).not.toHaveProperty('to');
  });

  it('a five-choice menu goes as a list the Graph API accepts; a tap answers with the row id', async () => {
    const { adapter } = channel();
    const choices = [
      { id: 'eligibility', label: '1. Cek kelayakan' },
      { id: 'status', label: '2. Status bantuan' },
      { id: 'help', label: '3. Bantuan & tanya jawab' },
      { id: 'language', label: '4. Ganti bahasa (Language)' },
      { id: 'logout', label: '5. Keluar (putuskan chat ini dari data saya)' },
    ];
    expect((await adapter.send(CHAT, { kind: 'text', text: 'Ada yang bisa saya bantu?', choices })).status).toBe('sent');
    expect(standIn.messages[0]).toMatchObject({ interactive: 'list', buttons: choices.map((choice) => choice.label) });
  });

  describe('24-hour window', () => {
    it('open (23 h ago): the free-form message goes', async () => {
      const { adapter } = channel(new Date(NOW.getTime() - 23 * HOUR), TEMPLATE);
      expect((await adapter.send(CHAT, hello)).status).toBe('sent');
      expect(standIn.messages.map((message) => message.type)).toEqual(['text']);
    });

    it('closed (25 h ago) with a template configured: the template goes instead, and is reported sent', async () => {
      const { adapter } = channel(new Date(NOW.getTime() - 25 * HOUR), TEMPLATE);
      const result = await adapter.send(CHAT, hello);
      expect(standIn.messages).toHaveLength(1);
      expect(standIn.messages[0]?.body).toMatchObject({ to: CHAT, type: 'template', template: { name: 'kpm_lanjutkan', language: { code: 'id' } } });
      expect(result).toEqual({ status: 'sent', externalId: standIn.messages[0]?.id });
    });

    it('closed (25 h ago) without a template: failed with the reason, and no Graph API call at all', async () => {
      const { adapter } = channel(new Date(NOW.getTime() - 25 * HOUR));
      expect(await adapter.send(CHAT, hello)).toEqual({ status: 'failed', reason: OUTSIDE_WINDOW_REASON });
      expect(OUTSIDE_WINDOW_REASON).toBe('outside the 24-hour window and no approved template configured');
      expect(standIn.requests).toBe(0);
    });

    it('never wrote (unknown): treated as closed', async () => {
      const { adapter } = channel(null);
      expect((await adapter.send(CHAT, hello)).status).toBe('failed');
      expect(standIn.requests).toBe(0);
      const withTemplate = channel(null, TEMPLATE).adapter;
      expect((await withTemplate.send(CHAT, hello)).status).toBe('sent');
      expect(standIn.messages[0]?.type).toBe('template');
    });

    it('when the last inbound time cannot be read: transient-error, nothing sent', async () => {
      const { adapter } = channel(new Error('database down'));
      expect(await adapter.send(CHAT, hello)).toEqual({ status: 'transient-error', reason: 'last inbound time unavailable' });
      expect(standIn.requests).toBe(0);
    });

    it('Meta’s own 131047 (our clock thought the window open) fails with the re-engagement reason', async () => {
      standIn.scriptSends(CHAT, { kind: 're-engagement' });
      const { adapter } = channel();
      const result = await adapter.send(CHAT, hello);
      expect(result.status).toBe('failed');
      expect(result.status !== 'sent' && result.reason).toContain('131047');
    });
  });

  describe('errors from the Graph API', () => {
    const cases: Array<[GraphBehaviour['kind'], string, number?]> = [
      ['throughput', 'rate-limited', 1_000],
      ['pair-rate', 'rate-limited', 6_000],
      ['http-429', 'rate-limited', 1],
      ['server-error', 'transient-error'],
      ['token', 'transient-error'],
      ['connection-reset', 'transient-error'],
      ['undeliverable', 'failed'],
      ['bad-request', 'failed'],
    ];
    for (const [kind, expected, minimumWait] of cases) {
      it(`${kind} → ${expected}`, async () => {
        standIn.scriptSends(CHAT, { kind } as GraphBehaviour);
        const { adapter } = channel();
        const result = await adapter.send(CHAT, hello);
        expect(result.status).toBe(expected);
        if (minimumWait !== undefined) expect(result.status === 'rate-limited' && result.retryAfterMs).toBeGreaterThanOrEqual(minimumWait);
        expect(standIn.messages).toEqual([]);
        // The failure was only the next send's: the same message goes now.
        expect((await adapter.send(CHAT, hello)).status).toBe('sent');
      });
    }

    it('a wrong access token is transient and names the setting to fix', async () => {
      const adapter = createCloudChannel({ config: cloudConfig(standIn.apiBase, { token: 'expired' }), lastInboundAt: async () => new Date() });
      const result = await adapter.send(CHAT, hello);
      expect(result.status).toBe('transient-error');
      expect(result.status !== 'sent' && result.reason).toContain('WHATSAPP_CLOUD_TOKEN');
    });

    // Answers that are no Graph answers never throw out of send.
    it('garbage answers: refused ones by their status, accepted ones sent without a wamid', async () => {
      const { adapter } = channel();
      standIn.scriptSends(CHAT, { kind: 'garbage', status: 502, body: '<html>Bad Gateway</html>' });
      expect(await adapter.send(CHAT, hello)).toEqual({ status: 'transient-error', reason: 'whatsapp-cloud http 502: no description' });
      standIn.scriptSends(CHAT, { kind: 'garbage', status: 400, body: { error: 'nope' } });
      expect(await adapter.send(CHAT, hello)).toEqual({ status: 'failed', reason: 'whatsapp-cloud http 400: no description' });
      for (const body of ['<html>ok</html>', { messages: [] }, { messages: [{ id: 7 }] }, null]) {
        standIn.scriptSends(CHAT, { kind: 'garbage', status: 200, body });
        expect(await adapter.send(CHAT, hello)).toEqual({ status: 'sent' });
      }
    });

    it('nothing listening is transient', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const adapter = createCloudChannel({ config: cloudConfig(`http://127.0.0.1:${port}/v21.0`), lastInboundAt: async () => new Date() });
      expect(await adapter.send(CHAT, hello)).toEqual({ status: 'transient-error', reason: 'whatsapp-cloud network: ECONNREFUSED' });
    });

    it('a failure after the first piece of a long message stops there and reports it', async () => {
      const long = Array.from({ length: 120 }, (_, i) => `${i} ${'kata '.repeat(12)}`).join('\n');
      let calls = 0;
      const counting = createCloudChannel({
        config: cloudConfig(standIn.apiBase),
        lastInboundAt: async () => NOW,
        now: () => NOW,
        fetch: async (input, init) => {
          calls += 1;
          if (calls === 2) standIn.scriptSends(CHAT, { kind: 'server-error' });
          return fetch(input, init);
        },
      });
      const result = await counting.send(CHAT, { kind: 'text', text: long });
      expect(result.status).toBe('transient-error');
      expect(standIn.messages).toHaveLength(1);
    });
  });
});
