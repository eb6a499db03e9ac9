import { z } from 'zod';
import { cloudMediaIdOf } from '../../channels/whatsapp-cloud/media-ref.js';
import { fetchLimited } from './fetch-limited.js';
import type { MediaSource } from './media-source.js';

const mediaInfo = z.object({
  url: z.string().url(),
  mime_type: z.string().optional(),
  file_size: z.coerce.number().optional(),
});

/**
 * WhatsApp Cloud API media (`whatsapp-cloud:media:<id>`): `GET /{media-id}` gives a short-lived
 * URL, which is then read with the same bearer token (Meta's documented two steps).
 */
export function cloudMediaSource(options: { token: string; apiBase: string; timeoutMs: number }): MediaSource {
  const headers = { authorization: `Bearer ${options.token}` };
  return {
    async fetch(mediaRef, maxBytes) {
      const mediaId = cloudMediaIdOf(mediaRef);
      if (mediaId === undefined) return null;
      const info = await fetchLimited(`${options.apiBase.replace(/\/$/, '')}/${mediaId}`, { maxBytes: 64 * 1024, timeoutMs: options.timeoutMs, headers });
      if (info === 'too-large') return null;
      const parsed = mediaInfo.safeParse(JSON.parse(info.bytes.toString('utf8')));
      if (!parsed.success) return null;
      if (parsed.data.file_size !== undefined && parsed.data.file_size > maxBytes) return 'too-large';
      const download = await fetchLimited(parsed.data.url, { maxBytes, timeoutMs: options.timeoutMs, headers });
      if (download === 'too-large') return download;
      return parsed.data.mime_type ? { bytes: download.bytes, mimeType: parsed.data.mime_type } : { bytes: download.bytes };
    },
  };
}
