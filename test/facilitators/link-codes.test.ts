import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultLinkCodeSettings, hashLinkCode, issueLinkCode, linkedFacilitator, linkedFacilitatorChats, readLinkCommand, redeemLinkCode, type LinkCodeSettings } from '../../src/facilitators/link-codes.js';
import { backends, type TestDatabase } from '../support/backends.js';

const settings: LinkCodeSettings = { ...defaultLinkCodeSettings, secret: 'test-secret' };
const chat = { channel: 'telegram', chatId: '900' };

describe('reading DAFTAR', () => {
  it('takes the code in the usual spellings and nothing else', () => {
    expect(readLinkCommand('DAFTAR 123456')).toBe('123456');
    expect(readLinkCommand(' daftar 123 456 ')).toBe('123456');
    expect(readLinkCommand('Daftar: 123-456')).toBe('123456');
    expect(readLinkCommand('daftar')).toBeNull();
    expect(readLinkCommand('saya mau daftar bansos')).toBeNull();
    expect(readLinkCommand('DAFTAR 12345')).toBeNull();
  });
});

describe.each(backends)('facilitator link codes on $kind', (backend) => {
  let db: TestDatabase;
  let staffId: number;
  const now = new Date('2026-11-28T01:00:00Z');

  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    staffId = (await db.prisma.staffUser.create({ data: { username: 'rina', displayName: 'Bu Rina', role: 'facilitator', passwordHash: 'x' } })).id;
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  const redeem = (code: string, at = now, to = chat) => db.prisma.$transaction((tx) => redeemLinkCode(tx, settings, to, code, at));

  it.skipIf(backend.skipReason)('links once, stores only a hash, and audits', async () => {
    const { code, expiresAt } = await issueLinkCode(db.prisma, settings, staffId, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(settings.ttlMs);
    const stored = await db.prisma.facilitatorLinkCode.findFirstOrThrow();
    expect(stored.codeHash).toBe(hashLinkCode(settings.secret, code));
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(await redeem(code)).toMatchObject({ outcome: 'linked', staffUserId: staffId });
    expect(await db.prisma.$transaction((tx) => linkedFacilitator(tx, chat.channel, chat.chatId))).toEqual({ staffUserId: staffId });
    // Single use: a second chat gets nothing.
    expect(await redeem(code, now, { channel: 'telegram', chatId: '901' })).toMatchObject({ outcome: 'invalid' });
    const audit = await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.staffUserId])).toEqual([['facilitator.link-code', staffId], ['facilitator.link', staffId]]);
  });

  it.skipIf(backend.skipReason)('refuses an expired code and one replaced by a newer code', async () => {
    const first = await issueLinkCode(db.prisma, settings, staffId, now);
    const second = await issueLinkCode(db.prisma, settings, staffId, now);
    if (first.code !== second.code) expect(await redeem(first.code)).toMatchObject({ outcome: 'invalid' });
    expect(await redeem(second.code, new Date(now.getTime() + settings.ttlMs + 1))).toMatchObject({ outcome: 'invalid' });
  });

  it.skipIf(backend.skipReason)('locks a chat after too many wrong codes, even for the right one', async () => {
    const { code } = await issueLinkCode(db.prisma, settings, staffId, now);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < settings.maxFailuresPerChat; i += 1) {
      expect(await redeem(wrong)).toEqual({ outcome: 'invalid', attemptsLeft: settings.maxFailuresPerChat - i - 1 });
    }
    expect(await redeem(code)).toMatchObject({ outcome: 'locked' });
    // After the window the right code works (it was issued later in this test's terms).
    const fresh = await issueLinkCode(db.prisma, settings, staffId, new Date(now.getTime() + settings.windowMs));
    expect(await redeem(fresh.code, new Date(now.getTime() + settings.windowMs + 1))).toMatchObject({ outcome: 'linked' });
  });

  it.skipIf(backend.skipReason)('the role comes from the account: a disabled or non-facilitator account gets no facilitator chat', async () => {
    const { code } = await issueLinkCode(db.prisma, settings, staffId, now);
    await redeem(code);
    await db.prisma.staffUser.update({ where: { id: staffId }, data: { disabled: true } });
    expect(await db.prisma.$transaction((tx) => linkedFacilitator(tx, chat.channel, chat.chatId))).toBeNull();
    const operator = await db.prisma.staffUser.create({ data: { username: 'op', displayName: 'Operator', role: 'operator', passwordHash: 'x' } });
    const opCode = await issueLinkCode(db.prisma, settings, operator.id, now);
    expect(await redeem(opCode.code, now, { channel: 'telegram', chatId: '902' })).toMatchObject({ outcome: 'invalid' });
  });

  it.skipIf(backend.skipReason)('finds a batch\'s facilitator chats in one go: only those linked to an enabled facilitator', async () => {
    const operator = await db.prisma.staffUser.create({ data: { username: 'op', displayName: 'Operator', role: 'operator', passwordHash: 'x' } });
    const other = await db.prisma.staffUser.create({ data: { username: 'dina', displayName: 'Bu Dina', role: 'facilitator', passwordHash: 'x', disabled: true } });
    const linkedAt = now;
    await db.prisma.facilitatorChat.createMany({
      data: [
        { channel: 'telegram', chatId: '910', staffUserId: staffId, linkedAt },
        { channel: 'whatsapp-cloud', chatId: '911', staffUserId: staffId, linkedAt },
        { channel: 'telegram', chatId: '912', staffUserId: operator.id, linkedAt },
        { channel: 'telegram', chatId: '913', staffUserId: other.id, linkedAt },
      ],
    });
    const asked = [
      { channel: 'telegram', chatId: '910' },
      { channel: 'telegram', chatId: '911' }, // linked on another channel only
      { channel: 'whatsapp-cloud', chatId: '911' },
      { channel: 'telegram', chatId: '912' },
      { channel: 'telegram', chatId: '913' },
      { channel: 'telegram', chatId: '914' },
    ];
    expect(await db.prisma.$transaction((tx) => linkedFacilitatorChats(tx, asked))).toEqual(new Set(['telegram:910', 'whatsapp-cloud:911']));
    expect(await db.prisma.$transaction((tx) => linkedFacilitatorChats(tx, []))).toEqual(new Set());
  });
});
