import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { createProactive } from '../../src/proactive/index.js';
import { setQuietHoursOverride } from '../../src/proactive/quiet-hours-store.js';
import type { Database } from '../../src/storage/database.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { addKpm, steppedClock } from './fixtures.js';

const translate = createTranslator();
// 22:00 WIB, 23:00 WITA: inside the default quiet hours (21:00–07:00).
const NIGHT = '2026-12-01T15:00:00Z';
const MANY = 3_000;

/**
 * The database handle with every raw query's row count noted, inside transactions too: an
 * enqueue that brought its KPM to Node would show a query returning thousands of rows.
 */
function countingRows(db: Database, seen: number[]): Pick<Database, 'prisma'> {
  const wrap = <T extends object>(client: T): T =>
    new Proxy(client, {
      get(target, property, receiver) {
        if (property === '$queryRaw') {
          return async (...args: unknown[]) => {
            const rows: unknown = await (target as unknown as { $queryRaw: (...a: unknown[]) => Promise<unknown> }).$queryRaw(...args);
            seen.push(Array.isArray(rows) ? rows.length : 0);
            return rows;
          };
        }
        if (property === '$transaction') {
          return (fn: (tx: object) => Promise<unknown>, options: unknown) =>
            (target as unknown as { $transaction: (f: unknown, o: unknown) => Promise<unknown> }).$transaction((tx: object) => fn(wrap(tx)), options);
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return { prisma: wrap(db.prisma) };
}

describe.each(backends)('set-based enqueue on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterEach(async () => {
    if (!backend.skipReason) await db.dispose();
  });

  it.skipIf(backend.skipReason)('queues thousands of KPM without their rows coming to Node; skip reasons, quiet hours, language and exactly-once kept', async () => {
    await db.prisma.recipient.createMany({
      data: Array.from({ length: MANY }, (_, i) => ({ nik: `36${String(i).padStart(14, '0')}`, fullName: `KPM ${i}`, regency: 'Kota Serang', district: 'Serang', village: 'Cipare' })),
    });
    await db.prisma.$executeRaw`
      INSERT INTO conversation (channel, chat_id, machine_id, machine_version, recipient_id, updated_at)
      SELECT 'telegram', 'bulk-' || id, 'kpm-assistant', 2, id, now() FROM recipient`;
    await addKpm(db, { province: '73', chats: [{ channel: 'telegram', chatId: 'wita' }] });
    await addKpm(db, { chats: [{ channel: 'whatsapp', chatId: 'english', language: 'en' }] });
    await addKpm(db, { regency: 'Kota Cilegon', chats: [{ channel: 'telegram', chatId: 'cilegon' }] });
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'stopped' }] });
    await db.prisma.conversation.update({ where: { channel_chatId: { channel: 'telegram', chatId: 'stopped' } }, data: { optedOutAt: new Date(NIGHT) } });
    await addKpm(db, { chats: [{ channel: 'telegram', chatId: 'blocker', blocked: true }] });
    await addKpm(db, {});
    await addKpm(db, { regency: 'Kabupaten Lebak', chats: [{ channel: 'telegram', chatId: 'elsewhere' }] });
    // Cilegon keeps quiet only from 23:00: at 22:00 its KPM get it now.
    await setQuietHoursOverride(db, 'Kota Cilegon', { start: 23 * 60, end: 6 * 60 });

    const rowCounts: number[] = [];
    const proactive = createProactive({ db: countingRows(db, rowCounts), translate, clock: steppedClock(NIGHT) });
    const input = {
      sourceKind: 'broadcast', sourceId: 7, occurrenceKey: '-', target: { regencies: ['Kota Serang', 'Kota Cilegon'] },
      message: { kind: 'reply' as const, reply: { lines: [{ key: 'menu.cancelled' }] } },
    };
    const first = await proactive.enqueue(input);
    expect(first).toEqual({ queued: MANY + 3, skipped: { 'opted-out': 1, blocked: 1, 'never-chatted': 1 }, alreadyQueued: 0 });
    expect(Math.max(...rowCounts)).toBeLessThanOrEqual(10);

    expect(await db.prisma.proactiveSend.count()).toBe(MANY + 6);
    expect(await db.prisma.outboundMessage.count({ where: { lane: 1, kind: 'proactive' } })).toBe(MANY + 3);
    const at = async (chatId: string) => (await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId } })).nextAttemptAt.toISOString();
    expect(await at('bulk-1')).toBe('2026-12-02T00:00:00.000Z');
    expect(await at('wita')).toBe('2026-12-01T23:00:00.000Z');
    expect(await at('cilegon')).toBe(NIGHT.replace('Z', '.000Z'));
    const text = async (chatId: string) => ((await db.prisma.outboundMessage.findFirstOrThrow({ where: { chatId } })).payload as { text: string }).text;
    expect(await text('english')).toBe('OK, cancelled.');
    expect(await text('bulk-1')).toBe('Baik, sudah dibatalkan.');
    const stored = await db.prisma.proactiveSend.findMany({ where: { skipReason: { not: null } }, select: { skipReason: true }, orderBy: { skipReason: 'asc' } });
    expect(stored.map((row) => row.skipReason)).toEqual(['blocked', 'never-chatted', 'opted-out']);
    const cilegon = await db.prisma.proactiveSend.findFirstOrThrow({ where: { chatId: 'cilegon' } });
    expect([cilegon.timeZone, cilegon.quietStart, cilegon.quietEnd]).toEqual(['Asia/Jakarta', 23 * 60, 6 * 60]);

    // Again (a repeated confirm, a second process): nothing new.
    expect(await proactive.enqueue(input)).toEqual({ queued: 0, skipped: {}, alreadyQueued: MANY + 6 });
    expect(await db.prisma.outboundMessage.count()).toBe(MANY + 3);
  });
});
