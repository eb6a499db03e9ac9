import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalDiskMediaStore } from '../../src/media/local-disk-media-store.js';
import type { MediaStore } from '../../src/media/media-store.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { hasGpsTag, jpegWithGps } from '../business-reports/photos/jpeg-with-gps.js';
import { startCloudRuntime, textOf, type CloudRuntime } from '../channels/whatsapp-cloud/cloud-runtime.js';
import { buttonReply, imageMessage, listReply, textMessage, type WebhookMessageJson } from '../channels/whatsapp-cloud/fake-payloads.js';
import { backends, type TestDatabase } from '../support/backends.js';

/** Demo KPM Siti Contoh Rahayu (UEP); her registered phone is this WhatsApp number, so no name is asked. */
const NIK = '3673035203789001';
const WA_ID = '6281200000001';

/**
 * A KPM sends a monthly business report with a photo over the WhatsApp Cloud API: signed webhook
 * posts to the real route, buttons and list rows tapped, the photo fetched through the Graph
 * stand-in's two media steps, cleaned and stored; replies read from the stand-in.
 */
for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`business report over the WhatsApp Cloud API on ${backend.kind}`, () => {
    let db: TestDatabase;
    let cloud: CloudRuntime;
    let mediaDir: string;
    let store: MediaStore;

    beforeEach(async () => {
      db = await backend.open();
      await seedDemoData(db);
      mediaDir = await mkdtemp(join(tmpdir(), 'report-media-'));
      store = createLocalDiskMediaStore(mediaDir);
      cloud = await startCloudRuntime(db, { mediaStore: store });
    });
    afterEach(async () => {
      await cloud.stop();
      await db.dispose();
      await rm(mediaDir, { recursive: true, force: true });
    });

    /** One message in, the next reply out. */
    async function turn(message: WebhookMessageJson) {
      const before = cloud.standIn.messagesTo(WA_ID).length;
      expect(await cloud.write(message)).toBe(200);
      const replies = await cloud.repliesTo(WA_ID, before, () => true);
      return replies.at(-1)!;
    }
    const say = (text: string) => turn(textMessage(WA_ID, text));

    it('taps through the report, sends a photo, and the report is stored with the cleaned photo', async () => {
      cloud.standIn.putMedia('media-report-1', await jpegWithGps({ width: 2000, height: 1500 }), 'image/jpeg');
      await say('halo');
      await say('1');
      const linked = await say(NIK);
      expect(linked.interactive).toBe('list');
      expect(linked.buttons?.at(-1)).toContain('6. Lapor perkembangan u');

      const status = await turn(listReply(WA_ID, 'reportBusiness', '6. Lapor perkembangan usaha'));
      expect(status.text).toContain('Apakah usaha Bapak/Ibu masih berjalan?');
      expect(status.interactive).toBe('button');
      expect(status.buttons).toEqual(['1. Masih jalan', '2. Tutup sementara', '3. Berhenti']);

      expect((await turn(buttonReply(WA_ID, 'running', '1. Masih jalan'))).text).toContain('omzet');
      // "500" alone is asked back with the figures it may mean, as buttons.
      const ambiguous = await say('500');
      expect(ambiguous.buttons).toEqual(['1. Rp500.000', '2. Rp500']);
      expect((await turn(buttonReply(WA_ID, 'amount-0', '1. Rp500.000'))).text).toContain('keuntungan bersih');
      expect((await say('Rp 150rb')).text).toContain('selain Bapak/Ibu');
      const equipment = await say('1 dibayar');
      expect(equipment.interactive).toBe('list');
      expect((await turn(listReply(WA_ID, 'partly-used', '2. Sebagian dipakai'))).text).toContain('foto');
      expect((await turn(imageMessage(WA_ID, 'media-report-1', 'warung saya'))).text).toContain('Foto ke-1 sudah diterima');
      expect(cloud.standIn.mediaDownloads).toEqual(['media-report-1']);
      await say('selesai');
      const summary = await say('lewati');
      expect(summary.text).toContain('Omzet bulan lalu: Rp500.000');
      expect(summary.text).toContain('Keuntungan bersih: Rp150.000');
      expect(summary.text).toContain('Pekerja: 0 keluarga, 1 dibayar');
      expect(summary.text).toContain('Barang bantuan: sebagian dipakai');
      expect(summary.buttons).toEqual(['1. Kirim', '2. Ubah jawaban', '3. Batalkan']);
      const thanks = await turn(buttonReply(WA_ID, 'send', '1. Kirim'));
      expect(textOf([thanks])).toMatch(/Nomor laporan: LU-[A-Z0-9]{6}/);

      const report = await db.prisma.businessReport.findFirstOrThrow({ include: { photos: true } });
      expect(report).toMatchObject({
        channel: 'whatsapp-cloud', businessStatus: 'running', salesAmount: 500_000n, profitAmount: 150_000n, paidWorkers: 1, equipmentUse: 'partly-used',
      });
      expect(report.photos).toHaveLength(1);
      const photo = await store.get(report.photos[0]!.mediaKey);
      const metadata = await sharp(photo!.bytes).metadata();
      expect(hasGpsTag(metadata.exif)).toBe(false);
      expect(metadata.exif).toBeUndefined();
      expect([metadata.width, metadata.height]).toEqual([1600, 1200]);
      expect(report.photos[0]).toMatchObject({ width: 1600, height: 1200, mimeType: 'image/jpeg' });
    });

    it('a photo the platform no longer has is explained; "lewati" goes on', async () => {
      await say('halo');
      await say('1');
      await say(NIK);
      for (const answer of ['6', '1', '1 juta', '200 ribu', '0', '1']) await say(answer);
      expect((await turn(imageMessage(WA_ID, 'media-gone'))).text).toContain('foto itu gagal diterima');
      expect((await say('lewati')).text).toContain('kendala');
    });
  });
}
