import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeMediaSource } from '../../../src/business-reports/photos/media-source.js';
import { storeReportPhoto } from '../../../src/business-reports/photos/store-report-photo.js';
import { createLocalDiskMediaStore } from '../../../src/media/local-disk-media-store.js';
import type { MediaStore } from '../../../src/media/media-store.js';
import { hasGpsTag, jpegWithGps } from './jpeg-with-gps.js';

describe('storeReportPhoto', () => {
  let dir: string;
  let store: MediaStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-photo-'));
    store = createLocalDiskMediaStore(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('a photo a channel kept as it came (WhatsApp via Baileys) is replaced by its clean copy', async () => {
    const raw = await store.put(await jpegWithGps(), { mimeType: 'image/jpeg', channel: 'whatsapp' });
    const result = await storeReportPhoto({ source: storeMediaSource(store), store, maxBytes: 1_000_000 }, { mediaRef: raw, position: 1, channel: 'whatsapp' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await store.get(raw)).toBeNull();
    const kept = await store.get(result.photo.mediaKey);
    expect(hasGpsTag((await sharp(kept!.bytes).metadata()).exif)).toBe(false);
    // The clean photo, its thumbnail and their sidecars: nothing else on disk.
    expect((await readdir(dir)).length).toBe(4);
  });

  it('too large, not an image, or unknown: each says why, nothing is stored', async () => {
    const big = await store.put(Buffer.alloc(2_000), { channel: 'whatsapp' });
    const text = await store.put(Buffer.from('hello'), { channel: 'whatsapp' });
    const storage = { source: storeMediaSource(store), store, maxBytes: 1_000 };
    expect(await storeReportPhoto(storage, { mediaRef: big, position: 1, channel: 'whatsapp' })).toEqual({ ok: false, reason: 'too-large' });
    const storage2 = { ...storage, maxBytes: 10_000 };
    expect(await storeReportPhoto(storage2, { mediaRef: text, position: 1, channel: 'whatsapp' })).toEqual({ ok: false, reason: 'not-an-image' });
    expect(await storeReportPhoto(storage2, { mediaRef: 'telegram:file:x', position: 1, channel: 'telegram' })).toEqual({ ok: false, reason: 'unavailable' });
    expect((await readdir(dir)).length).toBe(4); // the two raw items only
  });
});
