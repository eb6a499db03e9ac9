import { randomBytes } from 'node:crypto';
import { proto } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDatabaseAuthState, StoredSessionUnreadableError } from '../../../src/channels/whatsapp-baileys/database-auth-state.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { BOT_ME } from '../../support/baileys-stand-in.js';

const KEY = randomBytes(32);

describe.each(backends)('database auth state on $kind', (backend) => {
  let db: TestDatabase;

  // One database per backend (opening PGlite is slow); each case starts from an empty table.
  beforeAll(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterAll(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });
  beforeEach(async () => {
    if (backend.skipReason) return;
    await db.prisma.channelState.deleteMany();
  });

  const rows = () => db.prisma.channelState.findMany({ where: { channel: 'whatsapp' }, orderBy: { key: 'asc' } });

  it.skipIf(backend.skipReason)('starts fresh, then stores the creds encrypted and reads them back with their Buffers', async () => {
    const first = await loadDatabaseAuthState(db, KEY);
    expect(first.restored).toBe(false);
    expect(first.state.creds.registered).toBe(false);
    expect(first.state.creds.me).toBeUndefined();
    expect(await rows()).toEqual([]);

    Object.assign(first.state.creds, { me: { ...BOT_ME }, registered: true, platform: 'android' });
    await first.saveCreds();

    const [stored] = await rows();
    expect(stored?.key).toBe('creds');
    expect(stored?.value).toMatch(/^v1:/);
    // Nothing readable at rest: not the number, not the name, not a key's bytes.
    for (const plain of ['6281100009999', 'Dinsos Bot', 'registered', 'noiseKey', Buffer.from(first.state.creds.noiseKey.private).toString('base64')]) {
      expect(stored?.value).not.toContain(plain);
    }

    const again = await loadDatabaseAuthState(db, KEY);
    expect(again.restored).toBe(true);
    expect(again.state.creds.me).toEqual(BOT_ME);
    expect(again.state.creds.registered).toBe(true);
    expect(Buffer.isBuffer(again.state.creds.noiseKey.private)).toBe(true);
    expect(Buffer.from(again.state.creds.noiseKey.private).equals(Buffer.from(first.state.creds.noiseKey.private))).toBe(true);
    expect(Buffer.from(again.state.creds.signedPreKey.signature).equals(Buffer.from(first.state.creds.signedPreKey.signature))).toBe(true);
    expect(again.state.creds.advSecretKey).toBe(first.state.creds.advSecretKey);
  });

  it.skipIf(backend.skipReason)('keeps signal keys per type and id, deletes nulls, and rebuilds app-state keys as protobuf', async () => {
    const auth = await loadDatabaseAuthState(db, KEY);
    const preKey = { public: Buffer.alloc(32, 1), private: Buffer.alloc(32, 2) };
    const session = Buffer.from('session-record');
    await auth.state.keys.set({
      'pre-key': { '1': preKey, '2': { public: Buffer.alloc(32, 3), private: Buffer.alloc(32, 4) } },
      session: { '190283746550123_1.0': session },
      'app-state-sync-key': { AAAAAQ: { keyData: Buffer.alloc(32, 5), timestamp: 1_732_150_000 } },
      'lid-mapping': { '6281200000001': '190283746550123' },
    });
    expect((await rows()).map((row) => row.key)).toEqual([
      'key:app-state-sync-key:AAAAAQ',
      'key:lid-mapping:6281200000001',
      'key:pre-key:1',
      'key:pre-key:2',
      'key:session:190283746550123_1.0',
    ]);
    expect((await rows()).every((row) => row.value.startsWith('v1:') && !row.value.includes('190283746550123'))).toBe(true);

    const reopened = await loadDatabaseAuthState(db, KEY);
    const preKeys = await reopened.state.keys.get('pre-key', ['1', '3']);
    expect(Object.keys(preKeys)).toEqual(['1']);
    expect(Buffer.from(preKeys['1']!.private).equals(preKey.private)).toBe(true);
    expect(Buffer.from((await reopened.state.keys.get('session', ['190283746550123_1.0']))['190283746550123_1.0']!).equals(session)).toBe(true);
    const appKey = (await reopened.state.keys.get('app-state-sync-key', ['AAAAAQ']))['AAAAAQ'];
    expect(appKey).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(appKey!.keyData!).equals(Buffer.alloc(32, 5))).toBe(true);
    expect(await reopened.state.keys.get('lid-mapping', ['6281200000001'])).toEqual({ '6281200000001': '190283746550123' });

    await reopened.state.keys.set({ 'pre-key': { '1': null, '2': { public: Buffer.alloc(32, 6), private: Buffer.alloc(32, 7) } } });
    const after = await reopened.state.keys.get('pre-key', ['1', '2']);
    expect(Object.keys(after)).toEqual(['2']);
    expect(Buffer.from(after['2']!.public).equals(Buffer.alloc(32, 6))).toBe(true);
  });

  it.skipIf(backend.skipReason)('writes one keys.set in one transaction: a failing write leaves nothing half done', async () => {
    const auth = await loadDatabaseAuthState(db, KEY);
    await auth.state.keys.set({ 'pre-key': { '1': { public: Buffer.alloc(32, 1), private: Buffer.alloc(32, 1) } } });
    // Deletes run first, then the upserts: a refused upsert must take the delete back with it.
    await db.prisma.$executeRawUnsafe(`ALTER TABLE channel_state ADD CONSTRAINT short_key CHECK (length(key) < 40)`);
    await expect(
      auth.state.keys.set({
        'pre-key': { '1': null, '5': { public: Buffer.alloc(32, 9), private: Buffer.alloc(32, 9) } },
        session: { ['x'.repeat(60)]: Buffer.from('too long') },
      }),
    ).rejects.toThrow();
    await db.prisma.$executeRawUnsafe(`ALTER TABLE channel_state DROP CONSTRAINT short_key`);
    expect((await rows()).map((row) => row.key)).toEqual(['key:pre-key:1']);
  });

  it.skipIf(backend.skipReason)('clear() deletes every WhatsApp row and ignores later writes; other channels keep theirs', async () => {
    await db.prisma.channelState.create({ data: { channel: 'app', key: 'nik-hash-secret', value: 'kept' } });
    const auth = await loadDatabaseAuthState(db, KEY);
    await auth.saveCreds();
    await auth.state.keys.set({ session: { a: Buffer.from('s') } });
    expect(await rows()).toHaveLength(2);
    await auth.clear();
    await auth.saveCreds();
    await auth.state.keys.set({ session: { b: Buffer.from('s') } });
    expect(await rows()).toEqual([]);
    expect(await db.prisma.channelState.count({ where: { channel: 'app' } })).toBe(1);
    expect((await loadDatabaseAuthState(db, KEY)).restored).toBe(false);
  });

  it.skipIf(backend.skipReason)('refuses to start with a different key, naming the way out', async () => {
    const auth = await loadDatabaseAuthState(db, KEY);
    await auth.saveCreds();
    await expect(loadDatabaseAuthState(db, randomBytes(32))).rejects.toThrow(StoredSessionUnreadableError);
    await expect(loadDatabaseAuthState(db, randomBytes(32))).rejects.toThrow(/WHATSAPP_CREDENTIALS_KEY.*pair the number again/);
  });

  it.skipIf(backend.skipReason)('a row moved to another key name does not open there', async () => {
    const auth = await loadDatabaseAuthState(db, KEY);
    await auth.state.keys.set({ session: { a: Buffer.from('for a') } });
    const row = (await rows())[0]!;
    await db.prisma.channelState.create({ data: { channel: 'whatsapp', key: 'key:session:b', value: row.value } });
    await expect(auth.state.keys.get('session', ['b'])).rejects.toThrow(StoredSessionUnreadableError);
  });
});
