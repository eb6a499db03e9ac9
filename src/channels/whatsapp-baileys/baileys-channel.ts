import type { Logger } from 'pino';
import type { MediaStore } from '../../media/media-store.js';
import type { Database } from '../../storage/database.js';
import type { ChannelAdapter, InboundSink } from '../channel-port.js';
import type { MakeSocket } from './baileys-socket.js';
import type { ConnectionStatus } from './connection-manager.js';
import type { DownloadImage } from './inbound-listener.js';
import type { EnabledBaileysConfig } from './load-baileys-config.js';
import type { ReconnectPolicy } from './reconnect-delay.js';

export interface BaileysChannelOptions {
  /** Holds the encrypted session (`channel_state`, channel 'whatsapp'). */
  db: Database;
  config: Pick<EnabledBaileysConfig, 'credentialsKey' | 'pairingPhone' | 'libraryLogLevel'>;
  logger: Logger;
  /** Where received images are kept. */
  mediaStore: MediaStore;
  /** Default: Baileys' `makeWASocket`. Tests pass a stand-in socket. */
  makeSocket?: MakeSocket;
  /** Default: Baileys' `downloadMediaMessage`. */
  downloadImage?: DownloadImage;
  /** Default: draws the QR code in the terminal. */
  printQr?: (qr: string) => void;
  /** Default: 1 s doubling to 1 min. */
  reconnect?: ReconnectPolicy;
  /** A send with no answer after this long is given up as "unknown" (SEND_TIMEOUT_MS). Default 10 s. */
  sendTimeoutMs?: number;
  /** Waits between attempts to store an inbound message while the database is down. */
  storeRetryDelaysMs?: number[];
}

/**
 * WhatsApp over Baileys (the WhatsApp Web multi-device protocol) as a channel.
 *
 * @example
 * const whatsapp = createBaileysChannel({ db, config: baileysConfig, logger, mediaStore });
 * await whatsapp.start(runtime.engine); // prints a QR code until the number is paired
 */
export interface BaileysChannel extends ChannelAdapter {
  readonly name: 'whatsapp';
  /** Loads the stored session and connects; resolves without waiting for the connection to open. */
  start(sink: InboundSink): Promise<void>;
  /** Disconnects (the pairing stays valid) and waits for inbound messages in hand to be stored. */
  stop(): Promise<void>;
  /** Where the connection stands; 'logged-out' means the number must be paired again. */
  readonly status: ConnectionStatus;
  /** Resolves once every message and receipt received so far was handed to the sink. */
  idle(): Promise<void>;
}
