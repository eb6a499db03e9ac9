import type { StorePhotoOutput } from '../../../flows/progress-report/contract.js';
import type { MediaStore } from '../../media/media-store.js';
import { cleanPhoto } from './clean-photo.js';
import type { MediaSource } from './media-source.js';

export interface PhotoStorage {
  source: MediaSource;
  store: MediaStore;
  /** Largest photo accepted, in bytes, as sent by the platform. */
  maxBytes: number;
}

/**
 * One photo of a report: fetched from wherever the channel left it, refused when too large or
 * not an image, stripped of its metadata (GPS) and stored with a thumbnail. Only cleaned bytes
 * reach the media store.
 */
export async function storeReportPhoto(storage: PhotoStorage, input: { mediaRef: string; position: number; channel: string }): Promise<StorePhotoOutput> {
  let fetched;
  try {
    fetched = await storage.source.fetch(input.mediaRef, storage.maxBytes);
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
  if (fetched === null) return { ok: false, reason: 'unavailable' };
  if (fetched === 'too-large') return { ok: false, reason: 'too-large' };
  let cleaned;
  try {
    cleaned = await cleanPhoto(fetched.bytes);
  } catch {
    return { ok: false, reason: 'not-an-image' };
  }
  const mediaKey = await storage.store.put(cleaned.full, { mimeType: 'image/jpeg', channel: input.channel });
  const thumbnailKey = await storage.store.put(cleaned.thumbnail, { mimeType: 'image/jpeg', channel: input.channel });
  // A photo the channel had already kept as it came (Baileys, with its EXIF): only the clean copy stays.
  if (input.mediaRef.startsWith('local:')) await storage.store.delete?.(input.mediaRef);
  return {
    ok: true,
    photo: {
      position: input.position, mediaKey, thumbnailKey, mimeType: 'image/jpeg',
      width: cleaned.width, height: cleaned.height, byteSize: cleaned.full.byteLength,
    },
  };
}
