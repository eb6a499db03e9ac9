import { Telegram } from 'telegraf';
import { telegramFileIdOf } from '../../channels/telegram/media-ref.js';
import { fetchLimited } from './fetch-limited.js';
import type { MediaSource } from './media-source.js';

/**
 * Telegram photos (`telegram:file:<file_id>`): `getFile` through Telegraf for the path, then the
 * file from `<apiRoot>/file/bot<token>/<path>`. The URL holds the token: it is never logged.
 */
export function telegramMediaSource(options: { token: string; apiRoot: string; timeoutMs: number }): MediaSource {
  const telegram = new Telegram(options.token, { apiRoot: options.apiRoot });
  return {
    async fetch(mediaRef, maxBytes) {
      const fileId = telegramFileIdOf(mediaRef);
      if (fileId === undefined) return null;
      const file = await withTimeout(telegram.getFile(fileId), options.timeoutMs);
      if (file.file_size !== undefined && file.file_size > maxBytes) return 'too-large';
      if (!file.file_path) return null;
      const url = `${options.apiRoot.replace(/\/$/, '')}/file/bot${options.token}/${file.file_path}`;
      const download = await fetchLimited(url, { maxBytes, timeoutMs: options.timeoutMs });
      return download === 'too-large' ? download : { bytes: download.bytes };
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('telegram getFile timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
