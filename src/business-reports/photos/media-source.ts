import type { MediaStore } from '../../media/media-store.js';

/** The bytes of a photo a KPM sent, wherever its reference points. */
export type FetchedMedia = { bytes: Buffer; mimeType?: string } | 'too-large' | null;

/**
 * Reads a media reference (`InboundContent.mediaRef`) into bytes: `local:` from the media store
 * (Baileys downloads on receipt), `telegram:file:` and `whatsapp-cloud:media:` from the
 * platform. Null when no source knows the reference or the platform no longer has it.
 */
export interface MediaSource {
  fetch(mediaRef: string, maxBytes: number): Promise<FetchedMedia>;
}

/** Tries each source in turn; the first that answers (not null) wins. */
export function combineMediaSources(...sources: MediaSource[]): MediaSource {
  return {
    async fetch(mediaRef, maxBytes) {
      for (const source of sources) {
        const media = await source.fetch(mediaRef, maxBytes);
        if (media !== null) return media;
      }
      return null;
    },
  };
}

/** Media already kept in the store (Baileys photos). */
export function storeMediaSource(store: MediaStore): MediaSource {
  return {
    async fetch(mediaRef, maxBytes) {
      if (!mediaRef.startsWith('local:')) return null;
      const media = await store.get(mediaRef);
      if (!media) return null;
      return media.bytes.byteLength > maxBytes ? 'too-large' : media;
    },
  };
}
