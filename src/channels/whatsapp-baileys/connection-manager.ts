import { DisconnectReason, type AuthenticationCreds, type ConnectionState, type SignalKeyStore } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { errorSummary } from '../../logging/error-summary.js';
import type { BaileysSocket, MakeSocket } from './baileys-socket.js';
import type { DatabaseAuthState } from './database-auth-state.js';
import { reconnectDelayMs, type ReconnectPolicy } from './reconnect-delay.js';

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'closed' | 'logged-out' | 'stopped';

export interface ConnectionManagerOptions {
  makeSocket: MakeSocket;
  auth: DatabaseAuthState;
  /** `auth`'s keys behind one cache for the whole run: reconnects need not reload every key from the database. */
  keys: SignalKeyStore;
  logger: Logger;
  /** Handed to Baileys as its logger. */
  libraryLogger: Logger;
  /** Digits (62…): pair with a code instead of a QR. */
  pairingPhone?: string;
  printQr(qr: string): void;
  reconnect: ReconnectPolicy;
  /** Called for every new socket, before it connects, so message listeners miss nothing. */
  onSocket(socket: BaileysSocket): void;
}

export interface ConnectionManager {
  start(): void;
  /** Closes the socket, stops reconnecting, and waits for credential writes to land. */
  stop(): Promise<void>;
  /** The socket while the connection is open; undefined otherwise (sending must wait). */
  openSocket(): BaileysSocket | undefined;
  readonly status: ConnectionStatus;
}

const LINK_STEPS = 'WhatsApp → Perangkat tertaut (Linked devices) → Tautkan perangkat (Link a device)';

/**
 * Keeps one Baileys socket connected: shows the QR (or requests a pairing code) while unpaired,
 * saves every credential change, reconnects with exponential backoff after any close except a
 * logout, and after a logout deletes the stored session and says once that pairing is needed.
 */
export function createConnectionManager(options: ConnectionManagerOptions): ConnectionManager {
  const { auth, keys, logger } = options;
  let status: ConnectionStatus = 'idle';
  let current: BaileysSocket | undefined;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  let forgetting: Promise<void> | undefined;
  // Said once per run: a fresh QR every 20 s (and after each reconnect) must not bury it.
  let announced = false;

  function connect(): void {
    timer = undefined;
    if (status === 'stopped' || status === 'logged-out') return;
    status = 'connecting';
    const socket = options.makeSocket({
      auth: { creds: auth.state.creds, keys },
      logger: options.libraryLogger,
      markOnlineOnConnect: false,
    });
    current = socket;
    let pairingRequested = false;

    socket.ev.on('creds.update', (update) => {
      if (socket !== current) return;
      saveCreds(update);
    });
    socket.ev.on('connection.update', (update) => {
      if (socket !== current) return;
      if (update.qr) {
        if (options.pairingPhone !== undefined && !auth.state.creds.registered) {
          if (!pairingRequested) {
            pairingRequested = true;
            requestPairingCode(socket, options.pairingPhone);
          }
        } else {
          options.printQr(update.qr);
          if (!announced) logger.info(`WhatsApp is not paired yet: scan the QR code above with the phone of the bot's number (${LINK_STEPS}). A new code appears every 20 seconds.`);
          announced = true;
        }
      }
      if (update.connection === 'open') onOpen();
      if (update.connection === 'close') onClose(update.lastDisconnect);
    });
    options.onSocket(socket);
  }

  function saveCreds(update: Partial<AuthenticationCreds>): void {
    // Baileys already merged the update into the creds object it was given; merging again keeps
    // this true for any socket, and the whole object is what gets stored.
    Object.assign(auth.state.creds, update);
    saving = saving
      .then(() => auth.saveCreds())
      .catch((error: unknown) => logger.error({ err: errorSummary(error) }, 'saving WhatsApp credentials failed'));
  }

  function requestPairingCode(socket: BaileysSocket, phone: string): void {
    socket
      .requestPairingCode(phone)
      .then((code) => {
        const pairingCode = code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
        logger.info(
          { pairingCode },
          `WhatsApp is not paired yet: on the phone of the bot's number open ${LINK_STEPS} → Tautkan dengan nomor telepon (Link with phone number) and enter this pairing code.`,
        );
      })
      .catch((error: unknown) => {
        // The error's text may name the number's JID: its class only.
        logger.warn({ errorName: error instanceof Error ? error.name : typeof error }, 'WhatsApp pairing code request failed; retrying on reconnect');
      });
  }

  function onOpen(): void {
    status = 'open';
    failures = 0;
    logger.info('WhatsApp connected');
  }

  function onClose(lastDisconnect: ConnectionState['lastDisconnect']): void {
    current = undefined;
    if (status === 'stopped') return;
    const code = statusCodeOf(lastDisconnect?.error);
    if (code === DisconnectReason.loggedOut) {
      status = 'logged-out';
      forgetting = forgetSession();
      return;
    }
    status = 'closed';
    // 515 is the normal "restart" after a fresh pairing: come straight back.
    const delayMs = code === DisconnectReason.restartRequired ? 0 : reconnectDelayMs(++failures, options.reconnect);
    const reason = code === undefined ? undefined : DisconnectReason[code];
    logger.warn({ code, reason, retryInMs: delayMs }, 'WhatsApp connection closed; reconnecting');
    if (code === DisconnectReason.connectionReplaced) {
      logger.warn('WhatsApp: another client took over this session; is a second instance running with the same credentials?');
    }
    timer = setTimeout(connect, delayMs);
  }

  async function forgetSession(): Promise<void> {
    await saving;
    try {
      await auth.clear();
    } catch (error) {
      logger.error({ err: errorSummary(error) }, 'deleting the logged-out WhatsApp session failed');
    }
    logger.error(
      `WhatsApp was logged out (the bot's number was unlinked on the phone): the stored session is deleted and the number must be paired again. Restart the service and link it again (${LINK_STEPS}).`,
    );
  }

  return {
    start() {
      if (status !== 'idle') throw new Error('whatsapp connection already started');
      connect();
    },
    async stop() {
      status = 'stopped';
      clearTimeout(timer);
      timer = undefined;
      const socket = current;
      current = undefined;
      await socket?.end(undefined);
      await saving;
      await forgetting;
    },
    openSocket() {
      return status === 'open' ? current : undefined;
    },
    get status() {
      return status;
    },
  };
}

/** The status code of a Baileys close: Boom errors carry it in `output.statusCode`. */
function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('output' in error)) return undefined;
  const output = error.output;
  if (typeof output !== 'object' || output === null || !('statusCode' in output)) return undefined;
  return typeof output.statusCode === 'number' ? output.statusCode : undefined;
}
