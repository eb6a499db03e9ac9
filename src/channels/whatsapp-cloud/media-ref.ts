/**
 * Cloud API media are referenced by their media id until a media store exists: the file stays
 * with Meta (downloadable for a while through GET /{media-id}) and the reference says where.
 */
const PREFIX = 'whatsapp-cloud:media:';

export function toCloudMediaRef(mediaId: string): string {
  return `${PREFIX}${mediaId}`;
}

/** The media id inside a media reference, or undefined when it points elsewhere. */
export function cloudMediaIdOf(mediaRef: string): string | undefined {
  if (!mediaRef.startsWith(PREFIX)) return undefined;
  const mediaId = mediaRef.slice(PREFIX.length);
  return /^[A-Za-z0-9_.-]+$/.test(mediaId) ? mediaId : undefined;
}
