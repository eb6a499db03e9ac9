/**
 * Telegram photos are referenced by their `file_id` until a media store exists: the file stays
 * on Telegram's servers and the reference says where.
 */
const PREFIX = 'telegram:file:';

export function toTelegramMediaRef(fileId: string): string {
  return `${PREFIX}${fileId}`;
}

/** The Telegram `file_id` inside a media reference, or undefined when it points elsewhere. */
export function telegramFileIdOf(mediaRef: string): string | undefined {
  if (!mediaRef.startsWith(PREFIX)) return undefined;
  const fileId = mediaRef.slice(PREFIX.length);
  return fileId.length > 0 ? fileId : undefined;
}
