import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app/create-runtime.js';
import { reportPhotoStorage } from '../../src/app/report-photo-storage.js';
import { periodOf } from '../../src/business-reports/report-period.js';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLocalDiskMediaStore } from '../../src/media/local-disk-media-store.js';
import type { MediaStore } from '../../src/media/media-store.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { createApp } from '../../src/server/create-app.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { photoUpdate, textUpdate } from '../channels/telegram/fake-updates.js';
import { hasGpsTag, jpegWithGps } from '../business-reports/photos/jpeg-with-gps.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';

const SECRET = 'e2e-secret';
const TOKEN = '123:abc';
/** Demo KPM Siti Contoh Rahayu: UEP (goods). */
const NIK = '3673035203789001';

/**
 * A KPM sends a monthly business report with a photo over Telegram: real Telegraf against the
 * Bot API stand-in, updates POSTed to the webhook, the photo fetched with getFile and the file
 * URL, cleaned and stored; the real engine, flows, database and outbox.
 */
describe.each(backends)('business report over Telegram on $kind', (backend) => {
  let db: TestDatabase;
  let standIn: TelegramStandIn;
  let telegram: TelegramChannel;
  let runtime: Runtime;
  let server: RunningServer;
  let mediaDir: string;
  let store: MediaStore;
  let logged: string;

  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    await seedDemoData(db);
    standIn = await createTelegramStandIn();
    mediaDir = await mkdtemp(join(tmpdir(), 'report-media-'));
    store = createLocalDiskMediaStore(mediaDir);
    logged = '';
    const sink = new Writable({ write: (chunk, _encoding, done) => ((logged += String(chunk)), done()) });
    const logger = pino({ level: 'debug' }, sink);
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET });
    telegram = createTelegramChannel({ token: TOKEN, apiRoot: standIn.apiRoot, webhookSecret: SECRET, publicUrl: 'http://127.0.0.1:1' });
    runtime = await createRuntime({
      config,
      db,
      channels: [telegram],
      logger,
      reportPhotos: reportPhotoStorage({ store, telegram: { token: TOKEN, apiRoot: standIn.apiRoot }, timeoutMs: 5_000 }),
      rateLimits: () => ({ perChatPerSecond: 100, perChatBurst: 100, globalPerSecond: 1_000 }),
    });
    server = await startServer(createApp({ telegram, health: async () => ({ ok: true }) }), 0);
    runtime.start();
    await telegram.start(runtime.engine);
  });

  afterEach(async () => {
    if (backend.skipReason) return;
    await telegram.stop();
    await server.close();
    await runtime.stop();
    await standIn.close();
    await db.dispose();
    await rm(mediaDir, { recursive: true, force: true });
  });

  async function post(update: object): Promise<void> {
    const response = await fetch(`http://127.0.0.1:${server.port}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
  }

  async function send(update: object): Promise<string> {
    const before = standIn.sent.length;
    await post(update);
    const sent = await standIn.waitForMessages(before + 1, 10_000);
    return sent.slice(before).map((message) => message.text ?? '').join('\n---\n');
  }
  const say = (text: string) => send(textUpdate(text));

  it.skipIf(backend.skipReason)('verifies, reports with a photo (GPS stripped), and replaces the month’s report on a second send', async () => {
    // The largest size of the photo is fetched: "large-file" in the fake update.
    standIn.putFile('large-file', await jpegWithGps({ width: 1280, height: 960 }));
    await say('/start');
    await say('1');
    await say(NIK);
    await say('Siti Contoh Rahayu');
    const keyboard = JSON.stringify(standIn.sent.at(-1)!.reply_markup);
    expect(keyboard).toContain('6. Lapor perkembangan usaha');

    expect(await say('6')).toContain('Apakah usaha Bapak/Ibu masih berjalan?');
    expect(await say('1')).toContain('omzet');
    expect(await say('1,5 juta')).toContain('keuntungan bersih');
    expect(await say('500 ribu')).toContain('selain Bapak/Ibu');
    expect(await say('2 keluarga')).toContain('masih dipakai');
    expect(await say('1')).toContain('kirim 1 sampai 3 foto');
    expect(await send(photoUpdate())).toContain('Foto ke-1 sudah diterima');
    expect(standIn.callsOf('getFile').map((call) => call.payload.file_id)).toEqual(['large-file']);
    expect(standIn.downloads).toHaveLength(1);
    expect(await say('selesai')).toContain('kendala');
    const summary = await say('Butuh etalase');
    expect(summary).toContain('Omzet bulan lalu: Rp1.500.000');
    expect(summary).toContain('Foto: 1');
    const thanks = await say('1');
    const reference = /Nomor laporan: (LU-[A-Z0-9]{6})/.exec(thanks)?.[1];
    expect(reference).toBeDefined();

    const recipient = await db.prisma.recipient.findUniqueOrThrow({ where: { nik: NIK } });
    const report = await db.prisma.businessReport.findFirstOrThrow({ include: { photos: true } });
    expect(report).toMatchObject({
      reference, recipientId: recipient.id, programCode: 'UEP', businessStatus: 'running', salesAmount: 1_500_000n,
      profitAmount: 500_000n, familyWorkers: 2, paidWorkers: 0, equipmentUse: 'all-used', problems: 'Butuh etalase', channel: 'telegram', version: 1,
    });
    expect(report.period.toISOString().slice(0, 7)).toBe(periodOf(new Date(), 'Asia/Jakarta'));
    expect(report.photos).toHaveLength(1);
    const stored = await store.get(report.photos[0]!.mediaKey);
    const thumbnail = await store.get(report.photos[0]!.thumbnailKey);
    expect(stored?.mimeType).toBe('image/jpeg');
    const metadata = await sharp(stored!.bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(hasGpsTag(metadata.exif)).toBe(false);
    expect((await sharp(thumbnail!.bytes).metadata()).width).toBe(320);

    // Sending again in the same month replaces it; the first is kept as history.
    expect(await say('lapor usaha')).toContain('sudah mengirim laporan');
    await say('2'); // tutup sementara
    await say('2'); // sepi pembeli
    await say('lewati');
    const second = await say('1');
    expect(second).toContain('menggantikan laporan yang dikirim sebelumnya');
    const replaced = await db.prisma.businessReport.findFirstOrThrow({ include: { photos: true, versions: true } });
    expect(replaced).toMatchObject({ id: report.id, version: 2, businessStatus: 'paused', stopReason: 'no-buyers', salesAmount: null, photos: [] });
    expect(replaced.versions).toEqual([expect.objectContaining({ version: 1, reference, salesAmount: 1_500_000n })]);

    const actions = (await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } })).map((entry) => entry.action);
    expect(actions.filter((action) => action.startsWith('disclose.business') || action.startsWith('business'))).toEqual([
      'disclose.business-report', 'business-report.submit', 'disclose.business-report', 'business-report.submit',
    ]);
    // Business figures never reach the logs (the logger ran at debug level, capturing everything).
    for (const figure of ['1500000', '1.500.000', '1,5 juta', '500000', 'Butuh etalase']) expect(logged).not.toContain(figure);
  });

  it.skipIf(backend.skipReason)('after the idle timeout mid-report the answers are still there: "Lanjutkan" goes on where it stopped', async () => {
    await say('1');
    await say(NIK);
    await say('Siti Contoh Rahayu');
    await say('6');
    await say('1');
    expect(await say('1,5 juta')).toContain('keuntungan bersih');
    // The report under way is personal data: its snapshot is stored sealed, never in the clear.
    const stored = JSON.stringify((await db.prisma.conversation.findMany({ select: { snapshot: true } })).map((row) => row.snapshot));
    expect(stored).toContain('progressReport');
    expect(stored).not.toContain('1500000');
    // An hour of silence (IDLE_TIMEOUT_MINUTES is 30): the stored snapshot, child included, is kept.
    await db.prisma.conversation.updateMany({ data: { lastActivityAt: new Date(Date.now() - 60 * 60_000) } });
    const resume = await say('500 ribu');
    expect(resume).toContain('belum selesai dan belum terkirim');
    expect(resume).not.toContain('Percakapan sebelumnya sudah ditutup');
    expect(await say('1')).toContain('keuntungan bersih');
    expect(await say('500 ribu')).toContain('selain Bapak/Ibu');
    expect(await db.prisma.businessReport.count()).toBe(0);
  });

  it.skipIf(backend.skipReason)('a photo larger than allowed is refused with a message, and the report goes on', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 1);
    standIn.putFile('large-file', big);
    await say('1');
    await say(NIK);
    await say('Siti Contoh Rahayu');
    for (const answer of ['6', '1', '1 juta', '200 ribu', '0', '1']) await say(answer);
    expect(await send(photoUpdate())).toContain('foto itu terlalu besar');
    expect(standIn.downloads).toEqual([]);
    expect(await say('lewati')).toContain('kendala');
  });
});
