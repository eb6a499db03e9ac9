import { cloudMediaSource } from '../business-reports/photos/cloud-media-source.js';
import { combineMediaSources, storeMediaSource, type MediaSource } from '../business-reports/photos/media-source.js';
import type { PhotoStorage } from '../business-reports/photos/store-report-photo.js';
import { telegramMediaSource } from '../business-reports/photos/telegram-media-source.js';
import type { MediaStore } from '../media/media-store.js';

/**
 * Where business-report photos come from (each channel's own way of handing out a photo) and
 * where the cleaned copies go (the media store).
 */
export function reportPhotoStorage(options: {
  store: MediaStore;
  telegram?: { token: string; apiRoot: string } | undefined;
  cloud?: { token: string; apiBase: string } | undefined;
  timeoutMs: number;
}): Omit<PhotoStorage, 'maxBytes'> {
  const sources: MediaSource[] = [storeMediaSource(options.store)];
  if (options.telegram) sources.push(telegramMediaSource({ ...options.telegram, timeoutMs: options.timeoutMs }));
  if (options.cloud) sources.push(cloudMediaSource({ ...options.cloud, timeoutMs: options.timeoutMs }));
  return { source: combineMediaSources(...sources), store: options.store };
}
