import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../../support/backends.js';
import { startCloudRuntime, type CloudRuntime } from './cloud-runtime.js';
import { failedStatus, messagesPost, signatureOf, statusesPost, textMessage } from './fake-payloads.js';

const DEPTH = 4_600;
let nextSender = 6281300000000;
const sender = () => String(nextSender++);

/**
 * Hostile and broken webhook posts, correctly signed, against the real server, engine and
 * database with the Graph API stood in. None may end the process, poison its neighbours or be
 * answered 5xx (which makes Meta post it again and again).
 */
for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`whatsapp-cloud webhook under hostile input on ${backend.kind}`, () => {
    let db: TestDatabase;
    let cloud: CloudRuntime;

    beforeEach(async () => {
      db = await backend.open();
      cloud = await startCloudRuntime(db);
    });
    afterEach(async () => {
      await cloud.stop();
      await db.dispose();
    });

    /** POSTs raw bytes, signed as Meta would. */
    async function postRaw(body: string): Promise<number> {
      const response = await fetch(`http://127.0.0.1:${cloud.server.port}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body) },
        body,
      });
      await response.body?.cancel();
      return response.status;
    }

    async function expectStillAnswering(): Promise<void> {
      const from = sender();
      expect(await cloud.write(textMessage(from, 'halo'))).toBe(200);
      await cloud.standIn.waitForMessage(from, () => true);
    }

    it('a deeply nested text body, caption or location is refused and the server keeps answering', async () => {
      const deep = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
      const fields = [`"type":"text","text":{"body":${deep}}`, `"type":"image","image":{"id":"m1","caption":${deep}}`, `"type":"location","location":{"latitude":${deep},"longitude":1}`];
      for (const field of fields) {
        const raw = JSON.stringify(messagesPost(textMessage(sender(), 'PLACEHOLDER'))).replace('"type":"text","text":{"body":"PLACEHOLDER"}', field);
        expect(raw).toContain(deep);
        const status = await postRaw(raw);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
        await new Promise((resolve) => setImmediate(resolve));
        await expectStillAnswering();
      }
    });

    it('NUL and lone surrogates are stored cleaned, and every neighbouring post gets 200', async () => {
      const poisonFrom = [sender(), sender(), sender()];
      const poisons = [
        textMessage(poisonFrom[0]!, 'NIK\u0000 3673035203789001'),
        textMessage(poisonFrom[1]!, 'halo \ud800 kak'),
        textMessage(poisonFrom[2]!, '\udc00'),
      ];
      const neighbours = Array.from({ length: 40 }, () => textMessage(sender(), 'halo'));
      const posts = [...neighbours.slice(0, 20).map((m) => [m]), poisons, ...neighbours.slice(20).map((m) => [m])];
      const statuses = await Promise.all(posts.map((messages) => cloud.write(...messages)));
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      const rows = await db.prisma.inboundMessage.findMany({ where: { chatId: { in: poisonFrom } }, orderBy: { chatId: 'asc' } });
      expect(rows.map((row) => row.chatId)).toEqual([...poisonFrom].sort());
      const stored = rows.map((row) => cloud.received.find((message) => message.externalId === row.externalId)?.content);
      expect(stored.map((content) => (content?.kind === 'text' ? content.text : undefined))).toEqual([
        'NIK 3673035203789001',
        'halo \ufffd kak',
        '\ufffd',
      ]);
      for (const message of [...neighbours, ...poisons]) await cloud.standIn.waitForMessage(message.from!, () => true);
    });

    it('malformed messages and statuses get 2xx, never 5xx, and the readable neighbours in the same post are stored', async () => {
      const good = textMessage(sender(), 'halo');
      const from = sender();
      const malformed = [
        { ...textMessage(from, 'x'), text: { body: 42 } },
        { ...textMessage(from, 'x'), text: null },
        { ...textMessage(from, 'x'), type: 'location', location: null },
        { ...textMessage(from, 'x'), type: 'location', location: { latitude: 500, longitude: 1 } },
        { ...textMessage(from, 'x'), from: 6281 },
        { ...textMessage(from, 'x'), id: 'wamid.\u0000bad' },
        { ...textMessage(from, 'x'), id: 'x'.repeat(10_000) },
        { ...textMessage(from, 'x'), from: `62\u00008123` },
      ];
      expect(await cloud.write(...(malformed as Array<ReturnType<typeof textMessage>>), good)).toBe(200);
      expect(await cloud.report(failedStatus('wamid.\u0000x', 131026, 'bad'), failedStatus('wamid.ok', 131026, 'title \u0000 \ud800'))).toBe(200);
      const rows = await db.prisma.inboundMessage.findMany({ select: { chatId: true } });
      expect(rows.map((row) => row.chatId)).toEqual([good.from]);
      await expectStillAnswering();
      expect(await cloud.report(...([{ id: 7, status: 'read' }, null, 'x'] as unknown as Parameters<typeof statusesPost>))).toBe(200);
    });
  });
}
