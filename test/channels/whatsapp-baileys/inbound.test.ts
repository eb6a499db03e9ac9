import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptedStream, proto } from '@whiskeysockets/baileys';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../../support/backends.js';
import { inbound, image, location, SITI_LID_JID, SITI_PN_JID, sticker, text } from '../../support/baileys-messages.js';
import type { StandInSocket } from '../../support/baileys-stand-in.js';
import { createRecordingSink, type RecordingSink } from '../telegram/recording-sink.js';
import { captureLogs, eventually, expectNothingPersonal, makeChannel, type ChannelUnderTest, type LogCapture } from './harness.js';

/**
 * WhatsApp's media CDN on loopback: serves files encrypted exactly as WhatsApp encrypts them
 * (Baileys' own `encryptedStream`), so the channel's real download-and-decrypt path runs.
 */
async function startMediaServer(): Promise<{ server: Server; host(bytes: Buffer): Promise<Parameters<typeof image>[0]>; requests: string[] }> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    requests,
    async host(bytes) {
      const encrypted = await encryptedStream(bytes, 'image');
      const path = `/v/t62.7118-24/${randomBytes(6).toString('hex')}.enc`;
      files.set(path, await readFile(encrypted.encFilePath));
      await rm(encrypted.encFilePath, { force: true });
      return {
        url: `http://127.0.0.1:${port}${path}`,
        mediaKey: encrypted.mediaKey,
        fileSha256: encrypted.fileSha256,
        fileEncSha256: encrypted.fileEncSha256,
        fileLength: encrypted.fileLength,
      };
    },
  };
}

describe('WhatsApp (Baileys) inbound through the channel', () => {
  let db: TestDatabase;
  let media: Awaited<ReturnType<typeof startMediaServer>>;
  let setup: ChannelUnderTest;
  let sink: RecordingSink;
  let socket: StandInSocket;
  let logs: LogCapture;

  beforeAll(async () => {
    db = await backends[0]!.open();
    media = await startMediaServer();
  });
  afterAll(async () => {
    media.server.close();
    await db.dispose();
  });
  beforeEach(async () => {
    await db.prisma.channelState.deleteMany();
    sink = createRecordingSink();
    logs = captureLogs();
    setup = await makeChannel({ db, sink, logs, standInOptions: { autoConnect: false } });
    socket = await setup.standIn.waitForSocket(1);
    socket.open();
  });
  afterEach(async () => {
    await setup.dispose();
    expectNothingPersonal(logs.lines);
  });

  it('downloads and decrypts an image into the media store; the message carries only the reference', async () => {
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3_000)]);
    const hosted = await media.host(photo);
    socket.deliver(inbound(image(hosted, 'Warung sembako saya'), { from: SITI_LID_JID, alt: SITI_PN_JID, id: '3EB0IMG1' }));
    const [stored] = await sink.waitForStored(1);
    expect(stored).toMatchObject({
      channel: 'whatsapp',
      // The person's one chat id: the phone number WhatsApp named beside the LID.
      chatId: SITI_PN_JID,
      externalId: '3EB0IMG1',
      content: { kind: 'image', caption: 'Warung sembako saya', mimeType: 'image/jpeg', mediaRef: expect.stringMatching(/^local:[0-9a-f]{32}$/) },
      sender: { phone: '6281200000001' },
    });
    const content = stored!.content as { mediaRef: string };
    expect(await setup.media.get(content.mediaRef)).toEqual({ bytes: photo, mimeType: 'image/jpeg' });
    expect(media.requests).toHaveLength(1);
  });

  it('an image that cannot be fetched is still answered, as unreadable', async () => {
    const hosted = await media.host(randomBytes(100));
    socket.deliver(inbound(image({ ...hosted, url: hosted.url.replace('.enc', '-gone.enc') }), { from: SITI_PN_JID }));
    const [stored] = await sink.waitForStored(1);
    expect(stored?.content).toEqual({ kind: 'unsupported', platformType: 'image-unavailable' });
  });

  it('hands messages over one at a time in arrival order; ignores history appends and groups', async () => {
    socket.ev.emit('messages.upsert', { type: 'append', messages: [inbound(text('lama'), { from: SITI_PN_JID })] });
    socket.deliver(
      inbound(text('1'), { from: SITI_PN_JID, id: 'A1' }),
      inbound(text('halo grup'), { from: '120363025246125486@g.us', participant: SITI_PN_JID }),
      inbound(location(-6.12, 106.15), { from: SITI_PN_JID, id: 'A2' }),
    );
    socket.deliver(inbound(sticker(), { from: SITI_PN_JID, id: 'A3' }));
    await setup.channel.idle();
    expect(sink.stored.map((message) => [message.externalId, message.content.kind])).toEqual([
      ['A1', 'text'],
      ['A2', 'location'],
      ['A3', 'unsupported'],
    ]);
  });

  it('keeps trying while the database is down, so a message WhatsApp will not resend is not lost', async () => {
    sink.failNext(2);
    socket.deliver(inbound(text('3673035203789001'), { from: SITI_PN_JID, id: 'RETRY1' }));
    const [stored] = await sink.waitForStored(1);
    expect(stored?.externalId).toBe('RETRY1');
    expect(sink.received).toHaveLength(3);
    expect(logs.lines.join('\n')).not.toContain('3673035203789001');
  });

  it('gives up after the configured attempts and says so (without the content)', async () => {
    sink.failNext(3);
    socket.deliver(inbound(text('halo'), { from: SITI_PN_JID }));
    await setup.channel.idle();
    expect(sink.stored).toEqual([]);
    expect(logs.messages()).toContain('a WhatsApp message could not be stored and is lost');
  });

  it('after a reconnect, messages arriving on the new socket are received', async () => {
    socket.close(Object.assign(new Error('Connection Lost'), { output: { statusCode: 408 } }));
    const next = await setup.standIn.waitForSocket(2);
    next.open();
    next.deliver(inbound(text('lewat soket baru'), { from: SITI_PN_JID, id: 'NEW' }));
    await eventually(() => sink.stored.length > 0, 5_000, 'a stored message');
    expect(sink.stored.map((message) => message.externalId)).toEqual(['NEW']);
  });

  it('receipts reach the sink as delivery updates for the sent message id', async () => {
    const updates: unknown[] = [];
    sink.deliveryUpdate = async (update) => void updates.push(update);
    const result = await setup.channel.send(SITI_PN_JID, { kind: 'text', text: 'Terima kasih' });
    const id = result.status === 'sent' ? result.externalId! : '';
    socket.receipt(SITI_PN_JID, id, proto.WebMessageInfo.Status.SERVER_ACK);
    socket.receipt(SITI_PN_JID, id, proto.WebMessageInfo.Status.DELIVERY_ACK);
    socket.receipt(SITI_PN_JID, id, proto.WebMessageInfo.Status.READ);
    await setup.channel.idle();
    expect(updates).toEqual([
      { channel: 'whatsapp', externalId: id, status: 'sent' },
      { channel: 'whatsapp', externalId: id, status: 'delivered' },
      { channel: 'whatsapp', externalId: id, status: 'read' },
    ]);
  });
});
