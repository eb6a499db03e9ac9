import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanPhoto, FULL_SIZE, THUMBNAIL_SIZE } from '../../../src/business-reports/photos/clean-photo.js';
import { hasGpsTag, jpegWithGps } from './jpeg-with-gps.js';

describe('cleanPhoto', () => {
  it('a JPEG with GPS EXIF comes out without any EXIF', async () => {
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    // The fixture really carries a position (so the check below can fail).
    expect(hasGpsTag(before.exif)).toBe(true);
    expect(before.exif?.includes(Buffer.from('TestPhone'))).toBe(true);

    const cleaned = await cleanPhoto(original);
    for (const output of [cleaned.full, cleaned.thumbnail]) {
      const after = await sharp(output).metadata();
      expect(after.format).toBe('jpeg');
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(output.includes(Buffer.from('Exif\0\0'))).toBe(false);
      expect(output.includes(Buffer.from('TestPhone'))).toBe(false);
    }
    expect([cleaned.width, cleaned.height]).toEqual([64, 48]);
  });

  it('shrinks a large photo and makes a small thumbnail, keeping the shape', async () => {
    const big = await jpegWithGps({ width: 4000, height: 3000 });
    const cleaned = await cleanPhoto(big);
    expect([cleaned.width, cleaned.height]).toEqual([FULL_SIZE, 1200]);
    const thumb = await sharp(cleaned.thumbnail).metadata();
    expect([thumb.width, thumb.height]).toEqual([THUMBNAIL_SIZE, 240]);
  });

  it('refuses bytes that are no image', async () => {
    await expect(cleanPhoto(Buffer.from('not a photo at all'))).rejects.toThrow();
  });
});
