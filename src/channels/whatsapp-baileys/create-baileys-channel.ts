import { makeCacheableSignalKeyStore } from '@whiskeysockets/baileys';
import { pino } from 'pino';
import type { InboundSink, OutboundContent, SendOptions, SendResult } from '../channel-port.js';
import type { BaileysChannel, BaileysChannelOptions } from './baileys-channel.js';
import { createConnectionManager, type ConnectionManager } from './connection-manager.js';
import { loadDatabaseAuthState } from './database-auth-state.js';
import { defaultMakeSocket } from './default-make-socket.js';
import { baileysImageDownloader } from './download-image.js';
import { createInboundListener, type InboundListener } from './inbound-listener.js';
import { createPersonIds } from './person-ids.js';
import { planSends, WHATSAPP_MAX_TEXT } from './plan-sends.js';
import { printQrInTerminal } from './print-qr.js';
import { isPersonJid } from './read-jids.js';
import { DEFAULT_RECONNECT } from './reconnect-delay.js';
import { TIMED_OUT, withTimeout } from './send-timeout.js';
import { toSendResult } from './to-send-result.js';

/**
 * A WhatsApp channel over Baileys. The session lives encrypted in the database, so a restart
 * reconnects without pairing; a person is one chat whether WhatsApp names them by phone number
 * or by LID (person-ids.ts); received images go to the media store; sends are plain text with
 * numbered choices, classified into SendResults, and each sent message's id comes back as
 * `externalId` so later receipts update its delivery status.
 */
export function createBaileysChannel(options: BaileysChannelOptions): BaileysChannel {
  const { logger, mediaStore } = options;
  const libraryLogger = pino({ level: options.config.libraryLogLevel });
  const makeSocket = options.makeSocket ?? defaultMakeSocket;
  let connection: ConnectionManager | undefined;
  let listener: InboundListener | undefined;

  async function send(chatId: string, content: OutboundContent, sendOptions?: SendOptions): Promise<SendResult> {
    const plan = await planSends(content, mediaStore);
    if (!plan.ok) return { status: 'failed', reason: plan.reason };
    if (!isPersonJid(chatId)) return { status: 'failed', reason: 'not a WhatsApp person chat' };
    let externalId: string | undefined;
    for (const piece of plan.sends) {
      const socket = connection?.openSocket();
      if (!socket) return { status: 'transient-error', reason: 'whatsapp not connected' };
      try {
        // Baileys encrypts and relays inside sendMessage, with no hook nearer the wire.
        sendOptions?.onDispatch?.();
        const sent = await withTimeout(socket.sendMessage(chatId, piece), options.sendTimeoutMs ?? 10_000);
        if (sent === TIMED_OUT) return { status: 'unknown', reason: 'whatsapp: no answer within the send timeout' };
        externalId = sent?.key.id ?? externalId;
      } catch (error) {
        const result = toSendResult(error);
        logger.warn({ status: result.status, reason: result.reason }, 'whatsapp send failed');
        return result;
      }
    }
    return externalId === undefined ? { status: 'sent' } : { status: 'sent', externalId };
  }

  async function start(sink: InboundSink): Promise<void> {
    if (connection) throw new Error('whatsapp channel already started');
    const auth = await loadDatabaseAuthState(options.db, options.config.credentialsKey);
    // One key cache for the whole run, shared by the sockets and the LID↔phone lookups.
    const keys = makeCacheableSignalKeyStore(auth.state.keys, libraryLogger);
    const inbound = createInboundListener({
      sink,
      personIds: createPersonIds({ keys, sink, logger }),
      mediaStore,
      downloadImage: options.downloadImage ?? baileysImageDownloader(libraryLogger),
      logger,
      ...(options.storeRetryDelaysMs !== undefined && { retryDelaysMs: options.storeRetryDelaysMs }),
    });
    listener = inbound;
    connection = createConnectionManager({
      makeSocket,
      auth,
      keys,
      logger,
      libraryLogger,
      ...(options.config.pairingPhone !== undefined && { pairingPhone: options.config.pairingPhone }),
      printQr: options.printQr ?? printQrInTerminal,
      reconnect: options.reconnect ?? DEFAULT_RECONNECT,
      onSocket: (socket) => inbound.attach(socket),
    });
    logger.info(auth.restored ? 'WhatsApp: stored session found; reconnecting without pairing' : 'WhatsApp: no stored session; pairing needed');
    connection.start();
  }

  return {
    name: 'whatsapp',
    capabilities: { buttons: false, maxTextLength: WHATSAPP_MAX_TEXT },
    send,
    start,
    async stop() {
      await connection?.stop();
      await listener?.idle();
      connection = undefined;
      listener = undefined;
    },
    get status() {
      return connection?.status ?? 'idle';
    },
    async idle() {
      await listener?.idle();
    },
  };
}
