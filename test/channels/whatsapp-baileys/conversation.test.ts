import { proto } from '@whiskeysockets/baileys';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../../src/app/create-runtime.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { seedDemoData } from '../../../src/seed/seed-demo-data.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { inbound, OTHER_PN_JID, SITI_LID_JID, SITI_PN_JID, text } from '../../support/baileys-messages.js';
import { captureLogs, eventually, expectNothingPersonal, makeChannel, type ChannelUnderTest, type LogCapture } from './harness.js';

const NIK = '3673035203789001';
const MASKED = 'S*** C***** R*****';
const FAST = { perChatPerSecond: 1_000, perChatBurst: 1_000, globalPerSecond: 10_000 };

/**
 * The whole product over WhatsApp: the real channel on a stand-in Baileys socket that emits
 * real Baileys message shapes, the real engine, KPM flow, outbox and a seeded database. The
 * number is paired first (QR → scan → restart), as an operator would.
 */
describe.each(backends)('WhatsApp (Baileys) conversation end to end on $kind', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  let setup: ChannelUnderTest;
  let logs: LogCapture;

  // One seeded database per backend (opening and seeding PGlite is slow); each case starts with no chats.
  beforeAll(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    await seedDemoData(db);
  });
  afterAll(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });

  beforeEach(async () => {
    if (backend.skipReason) return;
    const p = db.prisma;
    await p.$transaction([
      p.conversation.deleteMany(),
      p.inboundMessage.deleteMany(),
      p.outboundMessage.deleteMany(),
      p.auditLog.deleteMany(),
      p.verificationAttempt.deleteMany(),
      p.channelState.deleteMany({ where: { channel: 'whatsapp' } }),
    ]);
    logs = captureLogs();
    setup = await makeChannel({ db, logs });
    runtime = await createRuntime({
      config: loadConfig({}),
      db,
      channels: [setup.channel],
      logger: logs.logger,
      // Tests pace fast; production uses WHATSAPP_PER_CHAT_PER_SECOND and friends.
      rateLimits: (channel) => {
        if (channel !== 'whatsapp') throw new Error(`unexpected channel ${channel}`);
        return FAST;
      },
    });
    runtime.start();
    await setup.channel.start(runtime.engine);
    const unpaired = await setup.standIn.waitForSocket(1);
    await eventually(() => setup.printed.length > 0, 10_000, 'the QR code');
    await unpaired.completePairing();
    await eventually(() => setup.channel.status === 'open', 10_000, 'the paired connection');
  });

  afterEach(async () => {
    if (backend.skipReason) return;
    await setup.dispose();
    await runtime.stop();
    expectNothingPersonal(logs.lines);
  });

  /** One person writing; returns the replies their message produced, checking they went to `to` (default: back to `from`). */
  async function say(from: string, body: string, options: { alt?: string; id?: string; replies?: number; to?: string } = {}): Promise<string> {
    const before = setup.standIn.sent.length;
    setup.standIn.latest().deliver(inbound(text(body), { from, ...(options.alt !== undefined && { alt: options.alt }), ...(options.id !== undefined && { id: options.id }) }));
    const sent = (await setup.standIn.waitForSent(before + (options.replies ?? 1), 15_000)).slice(before);
    expect(sent.map((record) => record.jid)).toEqual(sent.map(() => options.to ?? from));
    return sent.map((record) => ('text' in record.content ? record.content.text : '[image]')).join('\n---\n');
  }

  it.skipIf(backend.skipReason)('LID chat without a phone: menu → 1 → NIK → name → verified summary → 2 → status timeline', async () => {
    const menu = await say(SITI_LID_JID, 'Halo');
    expect(menu).toMatch(/selamat datang/i);
    // No buttons on WhatsApp Web sessions: the choices are numbered lines under the question.
    expect(menu.split('\n')).toContain('1. Cek data bansos saya');
    expect(menu.split('\n')).toContain('2. Status bantuan');

    expect(await say(SITI_LID_JID, '1')).toMatch(/ketik NIK Bapak\/Ibu/);
    expect(await say(SITI_LID_JID, NIK)).toMatch(/nama lengkap/i);

    const summary = await say(SITI_LID_JID, 'siti contoh rahayu');
    expect(summary).toContain('identitas Bapak/Ibu sudah cocok');
    expect(summary).toContain(`Nama: ${MASKED}`);
    expect(summary).toContain('Sukacontoh');
    expect(summary).not.toContain(NIK);
    expect(summary).not.toMatch(/Siti Contoh Rahayu/i);

    const status = await say(SITI_LID_JID, '2');
    expect(status).toContain(`Status bantuan atas nama ${MASKED}`);
    expect(status).toContain('✓ Dicairkan, 14 Desember 2020');
    expect(status).toContain('BRI, BRI KC Serang');
    expect(status).toContain('Rp2.500.000');

    const audit = await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual(['link', 'disclose.eligibility', 'disclose.status']);
    expect(audit.every((entry) => entry.channel === 'whatsapp' && entry.chatId === SITI_LID_JID)).toBe(true);
    const conversation = await db.prisma.conversation.findUniqueOrThrow({ where: { channel_chatId: { channel: 'whatsapp', chatId: SITI_LID_JID } } });
    expect(conversation.recipientId).not.toBeNull();
    expect(conversation.senderPhone).toBeNull();
  });

  it.skipIf(backend.skipReason)('phone-number chat from the registered phone: verified after the NIK, no name asked', async () => {
    await say(SITI_PN_JID, 'Halo');
    await say(SITI_PN_JID, '1');
    const summary = await say(SITI_PN_JID, NIK);
    expect(summary).not.toMatch(/nama lengkap/i);
    expect(summary).toContain('identitas Bapak/Ibu sudah cocok');
    expect(summary).toContain(`Nama: ${MASKED}`);
    expect(await say(SITI_PN_JID, '2')).toContain('14 Desember 2020');
  });

  it.skipIf(backend.skipReason)('LID chat whose alt JID is the registered phone: one conversation under the phone number, which counts as the second factor', async () => {
    const asSiti = { alt: SITI_PN_JID, to: SITI_PN_JID };
    await say(SITI_LID_JID, 'Halo', asSiti);
    await say(SITI_LID_JID, '1', asSiti);
    const summary = await say(SITI_LID_JID, NIK, asSiti);
    expect(summary).toContain(`Nama: ${MASKED}`);
    expect(summary).not.toMatch(/nama lengkap/i);
    expect(await chatIds()).toEqual([SITI_PN_JID]);
  });

  const chatIds = async () => (await db.prisma.conversation.findMany({ where: { channel: 'whatsapp' }, orderBy: { id: 'asc' } })).map((row) => row.chatId);

  it.skipIf(backend.skipReason)('first by phone number, later by LID with the alt JID: the same conversation, still verified', async () => {
    await say(SITI_PN_JID, '1');
    expect(await say(SITI_PN_JID, NIK)).toContain(`Nama: ${MASKED}`);
    // Now WhatsApp addresses her by LID: the status needs no new verification, and goes to her phone chat.
    expect(await say(SITI_LID_JID, '2', { alt: SITI_PN_JID, to: SITI_PN_JID })).toContain('14 Desember 2020');
    // Once the pair is known, a LID message without the alt JID is hers too.
    expect(await say(SITI_LID_JID, '2', { to: SITI_PN_JID })).toContain(`Status bantuan atas nama ${MASKED}`);
    expect(await chatIds()).toEqual([SITI_PN_JID]);
    const conversation = await db.prisma.conversation.findUniqueOrThrow({ where: { channel_chatId: { channel: 'whatsapp', chatId: SITI_PN_JID } } });
    expect(conversation.recipientId).not.toBeNull();
  });

  it.skipIf(backend.skipReason)('a LID conversation mid-verification moves to the phone number when WhatsApp announces the pair: the NIK typed is kept', async () => {
    await say(SITI_LID_JID, '1');
    expect(await say(SITI_LID_JID, NIK)).toMatch(/nama lengkap/i);
    expect(await chatIds()).toEqual([SITI_LID_JID]);
    setup.standIn.latest().announceMapping(SITI_LID_JID, SITI_PN_JID);
    await setup.channel.idle();
    expect(await chatIds()).toEqual([SITI_PN_JID]);
    // The name step goes on under the phone number (the sealed NIK was sealed again for it).
    const summary = await say(SITI_LID_JID, 'siti contoh rahayu', { to: SITI_PN_JID });
    expect(summary).toContain('identitas Bapak/Ibu sudah cocok');
    expect(summary).toContain(`Nama: ${MASKED}`);
    const attempts = await db.prisma.verificationAttempt.findMany();
    expect(attempts.map((attempt) => attempt.chatId)).toEqual([SITI_PN_JID]);
  });

  it.skipIf(backend.skipReason)('BERHENTI from the LID stops reminders for the phone-number chat the outbox uses', async () => {
    await say(SITI_PN_JID, '1');
    await say(SITI_PN_JID, NIK);
    setup.standIn.latest().announceMapping(SITI_LID_JID, SITI_PN_JID);
    await setup.channel.idle();
    expect(await say(SITI_LID_JID, 'BERHENTI', { to: SITI_PN_JID })).toMatch(/MULAI/);
    const conversation = await db.prisma.conversation.findUniqueOrThrow({ where: { channel_chatId: { channel: 'whatsapp', chatId: SITI_PN_JID } } });
    expect(conversation.optedOutAt).not.toBeNull();
    expect(await chatIds()).toEqual([SITI_PN_JID]);
  });

  it.skipIf(backend.skipReason)('another phone number: the name is asked', async () => {
    await say(OTHER_PN_JID, '1');
    expect(await say(OTHER_PN_JID, NIK)).toMatch(/nama lengkap/i);
  });

  it.skipIf(backend.skipReason)('the same message id is answered once; receipts move the delivery status to read', async () => {
    await say(SITI_PN_JID, 'Halo', { id: '3EB0SAME0001' });
    setup.standIn.latest().deliver(inbound(text('Halo'), { from: SITI_PN_JID, id: '3EB0SAME0001' }));
    await setup.channel.idle();
    await runtime.engine.idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(setup.standIn.sent).toHaveLength(1);
    expect(await db.prisma.inboundMessage.count()).toBe(1);

    const sentId = setup.standIn.sent[0]!.id;
    const row = await eventually(
      () => db.prisma.outboundMessage.findFirst({ where: { channel: 'whatsapp', externalId: sentId } }).then((found) => found ?? undefined),
      10_000,
      'the sent message recorded with its WhatsApp id',
    );
    expect(row.deliveryStatus).toBe('sent');
    const socket = setup.standIn.latest();
    socket.receipt(SITI_PN_JID, sentId, proto.WebMessageInfo.Status.DELIVERY_ACK);
    await setup.channel.idle();
    expect((await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).deliveryStatus).toBe('delivered');
    socket.receipt(SITI_PN_JID, sentId, proto.WebMessageInfo.Status.READ);
    socket.receipt(SITI_PN_JID, sentId, proto.WebMessageInfo.Status.DELIVERY_ACK); // late, out of order
    await setup.channel.idle();
    expect((await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).deliveryStatus).toBe('read');
  });
});
