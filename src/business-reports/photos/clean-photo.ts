import sharp from 'sharp';

/** Longest side kept: enough to see a stall or a product, small enough for a phone's data plan. */
export const FULL_SIZE = 1600;
export const THUMBNAIL_SIZE = 320;
/** Refuses decompression bombs: a photo of more pixels than this is not read. */
const MAX_INPUT_PIXELS = 50_000_000;

export interface CleanedPhoto {
  full: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

/**
 * Re-encodes a photo as JPEG without any metadata: EXIF (GPS position, camera, time), XMP and
 * ICC go; the orientation is applied to the pixels first so the photo still stands upright.
 * Throws on bytes that are not an image sharp can read.
 */
export async function cleanPhoto(bytes: Buffer): Promise<CleanedPhoto> {
  const input = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  // sharp writes no metadata unless told to (withMetadata/keepExif): the output carries none.
  const { data: full, info } = await input()
    .resize({ width: FULL_SIZE, height: FULL_SIZE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  const thumbnail = await input()
    .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer();
  return { full, thumbnail, width: info.width, height: info.height };
}
