import { randomBytes } from 'node:crypto';
import { proto } from '@whiskeysockets/baileys';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../../support/backends.js';
import { baileysErrors, BOT_ME, createBaileysStandIn } from '../../support/baileys-stand-in.js';
import { SITI_PN_JID } from '../../support/baileys-messages.js';
import { createRecordingSink } from '../telegram/recording-sink.js';
import { captureLogs, eventually, expectNothingPersonal, makeChannel, type ChannelUnderTest, type LogCapture } from './harness.js';

const PAIRING_LINE = /not paired yet.*Perangkat tertaut.*Tautkan perangkat/;

describe('WhatsApp (Baileys) connection: pairing, stored session, reconnects, logout', () => {
  let db: TestDatabase;
  let logs: LogCapture;
  const open: ChannelUnderTest[] = [];

  beforeAll(async () => {
    db = await backends[0]!.open();
  });
  afterAll(async () => {
    await db.dispose();
  });
  beforeEach(async () => {
    await db.prisma.channelState.deleteMany();
    logs = captureLogs();
  });
  afterEach(async () => {
    for (const setup of open.splice(0)) await setup.dispose();
    expectNothingPersonal(logs.lines);
  });

  async function start(options: Partial<Parameters<typeof makeChannel>[0]> = {}): Promise<ChannelUnderTest> {
    const setup = await makeChannel({ db, sink: createRecordingSink(), logs, ...options });
    open.push(setup);
    return setup;
  }

  const sessionRows = () => db.prisma.channelState.findMany({ where: { channel: 'whatsapp' } });

  it('unpaired: draws each QR code and says once, clearly, what to do on the phone', async () => {
    const setup = await start();
    const socket = await setup.standIn.waitForSocket(1);
    await eventually(() => setup.printed.length === 1, 5_000, 'the first QR');
    socket.showQr(); // WhatsApp refreshes the code every 20 seconds
    expect(setup.printed).toEqual(socket.qrs);
    expect(setup.printed).toHaveLength(2);
    // WhatsApp ends an unscanned session after a while; the next socket shows fresh codes.
    socket.close(baileysErrors.connectionLost());
    const next = await setup.standIn.waitForSocket(2);
    await eventually(() => setup.printed.length === 3, 5_000, 'a QR from the new socket');
    expect(setup.printed.at(-1)).toBe(next.qrs[0]);
    expect(logs.messages().filter((message) => PAIRING_LINE.test(message))).toHaveLength(1);
    expect(socket.pairingRequests).toEqual([]);
    expect(setup.channel.status).toBe('connecting');
    expect(await setup.channel.send(SITI_PN_JID, { kind: 'text', text: 'halo' })).toEqual({ status: 'transient-error', reason: 'whatsapp not connected' });
  });

  it('with WHATSAPP_PAIRING_PHONE: requests a pairing code instead of drawing a QR, and logs the code', async () => {
    const setup = await start({ pairingPhone: '6281100009999' });
    const socket = await setup.standIn.waitForSocket(1);
    await eventually(() => logs.messages().some((message) => /pairing code/.test(message)), 5_000, 'the pairing code line');
    expect(socket.pairingRequests).toEqual(['6281100009999']);
    expect(setup.printed).toEqual([]);
    const line = logs.lines.map((raw) => JSON.parse(raw) as { msg: string; pairingCode?: string }).find((record) => record.pairingCode);
    expect(line?.pairingCode).toBe('K7PQ-2M9X');
    expect(line?.msg).toMatch(/Tautkan dengan nomor telepon/);
    socket.showQr();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(socket.pairingRequests).toHaveLength(1);
  });

  it('pairs by QR, restarts as WhatsApp asks, and a later start reconnects with the stored session, without a QR', async () => {
    const key = randomBytes(32);
    const first = await start({ credentialsKey: key });
    const scanned = await first.standIn.waitForSocket(1);
    await eventually(() => first.printed.length > 0, 5_000, 'a QR');
    await scanned.completePairing();
    // The 515 "restart required" after pairing: a new socket right away, which logs in.
    const restarted = await first.standIn.waitForSocket(2);
    await eventually(() => first.channel.status === 'open', 5_000, 'open after pairing');
    expect(restarted.creds.me).toEqual(BOT_ME);
    expect(restarted.qrs).toEqual([]);
    const noiseKey = Buffer.from(scanned.creds.noiseKey.private);
    await first.dispose();
    open.splice(open.indexOf(first), 1);

    // At rest: encrypted rows only.
    const rows = await sessionRows();
    expect(rows.map((row) => row.key).sort()).toEqual(['creds', 'key:pre-key:1']);
    for (const row of rows) {
      expect(row.value).toMatch(/^v1:/);
      expect(row.value).not.toContain('6281100009999');
      expect(row.value).not.toContain(noiseKey.toString('base64'));
    }

    // "Restart the service": a new channel, a new Baileys, the same database and key.
    const second = await start({ credentialsKey: key, standIn: createBaileysStandIn() });
    const resumed = await second.standIn.waitForSocket(1);
    await eventually(() => second.channel.status === 'open', 5_000, 'open after restart');
    expect(resumed.creds.me).toEqual(BOT_ME);
    // Stored as Baileys' own file store does (protobuf bytes as base64 via toJSON): it encodes to the same bytes.
    const encoded = (account: typeof resumed.creds.account) => Buffer.from(proto.ADVSignedDeviceIdentity.encode(account!).finish());
    expect(encoded(resumed.creds.account).equals(encoded(scanned.creds.account))).toBe(true);
    expect(Buffer.from(resumed.creds.noiseKey.private).equals(noiseKey)).toBe(true);
    expect(Object.keys(await resumed.options.auth.keys.get('pre-key', ['1']))).toEqual(['1']);
    expect(resumed.qrs).toEqual([]);
    expect(resumed.pairingRequests).toEqual([]);
    expect(second.printed).toEqual([]);
    expect(logs.messages()).toContain('WhatsApp: stored session found; reconnecting without pairing');
    expect(await second.channel.send(SITI_PN_JID, { kind: 'text', text: 'Selamat datang kembali' })).toMatchObject({ status: 'sent' });
  });

  it('pairs by code: `registered` survives a restart, so no new code is requested', async () => {
    const key = randomBytes(32);
    const first = await start({ credentialsKey: key, pairingPhone: '6281100009999' });
    const socket = await first.standIn.waitForSocket(1);
    await eventually(() => socket.pairingRequests.length === 1, 5_000, 'a pairing request');
    await socket.completePairing();
    await eventually(() => first.channel.status === 'open', 5_000, 'open after pairing');
    await first.dispose();
    open.splice(open.indexOf(first), 1);

    const second = await start({ credentialsKey: key, pairingPhone: '6281100009999', standIn: createBaileysStandIn() });
    const resumed = await second.standIn.waitForSocket(1);
    await eventually(() => second.channel.status === 'open', 5_000, 'open after restart');
    expect(resumed.creds.registered).toBe(true);
    expect(resumed.creds.me?.id).toBe(BOT_ME.id);
    // A QR shown anyway (say WhatsApp dropped the device) must not trigger a code request for a registered number.
    resumed.showQr();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resumed.pairingRequests).toEqual([]);
  });

  it('reconnects with backoff after a close that is not a logout, and sends again once open', async () => {
    const setup = await start({ standInOptions: { autoConnect: false } });
    const socket = await setup.standIn.waitForSocket(1);
    socket.open();
    expect(setup.channel.status).toBe('open');
    socket.close(baileysErrors.connectionLost());
    expect(setup.channel.status).toBe('closed');
    expect(await setup.channel.send(SITI_PN_JID, { kind: 'text', text: 'halo' })).toMatchObject({ status: 'transient-error' });

    const second = await setup.standIn.waitForSocket(2);
    second.close(baileysErrors.connectionLost()); // fails again: the next wait is longer
    const third = await setup.standIn.waitForSocket(3);
    third.open();
    expect(setup.channel.status).toBe('open');
    const result = await setup.channel.send(SITI_PN_JID, { kind: 'text', text: 'halo lagi' });
    expect(result).toEqual({ status: 'sent', externalId: setup.standIn.sent.at(-1)!.id });
    expect(setup.standIn.sent.at(-1)).toMatchObject({ socket: 2, jid: SITI_PN_JID });

    const closes = logs.lines.map((line) => JSON.parse(line) as { msg: string; code?: number; retryInMs?: number }).filter((record) => /reconnecting/.test(record.msg));
    expect(closes.map((record) => record.code)).toEqual([408, 408]);
    expect(closes[1]!.retryInMs!).toBeGreaterThan(closes[0]!.retryInMs!);
  });

  it('after a logout: deletes the stored session, says once that the number must be paired again, and does not reconnect', async () => {
    await db.prisma.channelState.create({ data: { channel: 'app', key: 'nik-hash-secret', value: 'stays' } });
    const setup = await start({ standInOptions: { autoConnect: false } });
    const socket = await setup.standIn.waitForSocket(1);
    socket.open();
    socket.ev.emit('creds.update', { me: { ...BOT_ME } });
    await socket.options.auth.keys.set({ session: { 'x.0': Buffer.from('session') } });
    await eventually(async () => (await sessionRows()).length === 2, 5_000, 'the session stored');

    await socket.logout(); // as when the device is unlinked on the phone: the socket closes with 401
    await eventually(async () => (await sessionRows()).length === 0, 5_000, 'the session deleted');
    await eventually(() => logs.messages().some((message) => /paired again/.test(message)), 5_000, 'the logout line');
    await new Promise((resolve) => setTimeout(resolve, 300)); // well past the reconnect backoff
    expect(setup.standIn.sockets).toHaveLength(1);
    expect(setup.channel.status).toBe('logged-out');
    const logoutLines = logs.lines.map((line) => JSON.parse(line) as { msg: string; level: number }).filter((record) => /paired again/.test(record.msg));
    expect(logoutLines).toHaveLength(1);
    expect(logoutLines[0]!.level).toBeGreaterThanOrEqual(50);
    expect(await db.prisma.channelState.count({ where: { channel: 'app' } })).toBe(1);
    expect((await setup.channel.send(SITI_PN_JID, { kind: 'text', text: 'halo' })).status).toBe('transient-error');
  });

  it('stop() closes the socket and never reconnects', async () => {
    const setup = await start({ standInOptions: { autoConnect: false } });
    const socket = await setup.standIn.waitForSocket(1);
    socket.open();
    await setup.channel.stop();
    expect(socket.ended).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(setup.standIn.sockets).toHaveLength(1);
  });
});
