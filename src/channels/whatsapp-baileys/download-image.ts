import { downloadMediaMessage } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { DownloadImage } from './inbound-listener.js';

/**
 * Baileys' own download: fetches the encrypted file from WhatsApp's media servers and decrypts
 * it with the key in the message. Expired media is asked from the sender's phone again.
 */
export function baileysImageDownloader(libraryLogger: Logger): DownloadImage {
  return (message, socket) =>
    downloadMediaMessage(message, 'buffer', {}, { logger: libraryLogger, reuploadRequest: (stale) => socket.updateMediaMessage(stale) });
}
