import { EventEmitter } from 'node:events';
import { DisconnectReason, proto, type AuthenticationCreds, type WAMessage } from '@whiskeysockets/baileys';
import type {
  BaileysEvents,
  BaileysSocket,
  BaileysSocketOptions,
  MakeSocket,
  OutgoingContent,
} from '../../src/channels/whatsapp-baileys/baileys-socket.js';
import { messageId } from './baileys-messages.js';
import { waitUntil as waitUntilShared } from './wait-until.js';

/**
 * A stand-in for Baileys' socket, for tests: no network, WhatsApp's side played by the test.
 * It behaves like `makeWASocket` where the channel can tell: with stored credentials (`creds.me`)
 * it logs in and opens; without, it shows a QR code; after a scan it updates the credentials and
 * asks for a restart (515), as WhatsApp does; sends return a WAMessage with a fresh key id.
 */

/** One message a socket was asked to send. */
export interface SentRecord {
  jid: string;
  content: OutgoingContent;
  /** The key id of the WAMessage returned. */
  id: string;
  /** Which socket (0-based creation order) sent it. */
  socket: number;
  /** When the channel handed it to the socket (Date.now()), for pacing checks. */
  at: number;
}

export interface BaileysStandIn {
  makeSocket: MakeSocket;
  sockets: StandInSocket[];
  /** Every send through every socket, in order. */
  sent: SentRecord[];
  /** The newest socket. */
  latest(): StandInSocket;
  /** Resolves with the `count`-th socket (1-based) once it exists. */
  waitForSocket(count: number, timeoutMs?: number): Promise<StandInSocket>;
  waitForSent(count: number, timeoutMs?: number): Promise<SentRecord[]>;
  /** Makes the next sends (through any socket) throw these errors, in turn. */
  failNextSends(...errors: Error[]): void;
}

export interface StandInOptions {
  /** Connect by itself like a real socket (log in, or show a QR). Default true. */
  autoConnect?: boolean;
}

/** A Boom error as Baileys throws them: `output.statusCode`, and `data` where the server gave a code. */
export function boomError(message: string, options: { statusCode?: number; data?: unknown } = {}): Error {
  const statusCode = options.statusCode ?? 500;
  return Object.assign(new Error(message), {
    isBoom: true,
    isServer: statusCode >= 500,
    data: options.data ?? null,
    output: { statusCode, payload: { statusCode, error: 'Error', message }, headers: {} },
  });
}

/** The errors Baileys raises in the cases the channel tells apart. */
export const baileysErrors = {
  /** The socket's websocket is not open (`sendRawMessage`). */
  connectionClosed: () => boomError('Connection Closed', { statusCode: DisconnectReason.connectionClosed }),
  /** The server answered `<error code="429" text="rate-overlimit"/>` (`assertNodeErrorFree`). */
  rateOverlimit: () => boomError('rate-overlimit', { data: 429 }),
  /** The server does not know the recipient. */
  itemNotFound: () => boomError('item-not-found', { data: 404 }),
  /** A bad JID or message (`new Boom(..., { statusCode: 400 })`). */
  badRequest: () => boomError('Invalid jid', { statusCode: 400 }),
  /** The close error after the phone unlinked this device. */
  loggedOut: () => boomError('Intentional Logout', { statusCode: DisconnectReason.loggedOut }),
  connectionLost: () => boomError('Connection Lost', { statusCode: DisconnectReason.connectionLost }),
  restartRequired: () => boomError('Stream Errored (restart required)', { statusCode: DisconnectReason.restartRequired }),
};

/** The bot's own number after pairing, as WhatsApp reports it in `creds.me`. */
export const BOT_ME = { id: '6281100009999:7@s.whatsapp.net', lid: '88001122334455:7@lid', name: 'Dinsos Bot' };

class StandInEvents {
  private readonly emitter = new EventEmitter();
  on<E extends keyof BaileysEvents>(event: E, listener: (payload: BaileysEvents[E]) => void): void {
    this.emitter.on(event, listener);
  }
  off<E extends keyof BaileysEvents>(event: E, listener: (payload: BaileysEvents[E]) => void): void {
    this.emitter.off(event, listener);
  }
  emit<E extends keyof BaileysEvents>(event: E, payload: BaileysEvents[E]): boolean {
    return this.emitter.emit(event, payload);
  }
}

export class StandInSocket implements BaileysSocket {
  readonly ev = new StandInEvents();
  readonly pairingRequests: string[] = [];
  /** Every QR this socket showed. */
  readonly qrs: string[] = [];
  ended = false;
  isOpen = false;

  constructor(
    readonly options: BaileysSocketOptions,
    readonly index: number,
    private readonly shared: { sent: SentRecord[]; failures: Error[]; changed(): void },
  ) {}

  get creds(): AuthenticationCreds {
    return this.options.auth.creds;
  }

  // --- the socket API the channel calls ---

  async sendMessage(jid: string, content: OutgoingContent): Promise<WAMessage | undefined> {
    const failure = this.shared.failures.shift();
    if (failure) throw failure;
    if (!this.isOpen) throw baileysErrors.connectionClosed();
    const id = messageId();
    this.shared.sent.push({ jid, content, id, socket: this.index, at: Date.now() });
    this.shared.changed();
    const message =
      'text' in content
        ? { extendedTextMessage: { text: content.text } }
        : { imageMessage: { mimetype: content.mimetype ?? 'image/jpeg', ...(content.caption !== undefined && { caption: content.caption }) } };
    return {
      key: { remoteJid: jid, fromMe: true, id },
      message: proto.Message.fromObject(message),
      messageTimestamp: Math.floor(Date.now() / 1000),
      status: proto.WebMessageInfo.Status.PENDING,
    };
  }

  /** Like Baileys: remembers the number in `creds.me` and announces it, then returns a code. */
  async requestPairingCode(phone: string): Promise<string> {
    if (!/^[0-9]+$/.test(phone)) throw new Error('phone must be digits');
    this.pairingRequests.push(phone);
    this.creds.pairingCode = 'K7PQ2M9X';
    this.creds.me = { id: `${phone}@s.whatsapp.net`, name: '~' };
    this.ev.emit('creds.update', this.creds);
    return 'K7PQ2M9X';
  }

  async updateMediaMessage(message: WAMessage): Promise<WAMessage> {
    return message;
  }

  /** Like Baileys' `logout`: unlinks this device, then ends with a 401 (loggedOut) close. */
  async logout(): Promise<void> {
    this.close(baileysErrors.loggedOut());
  }

  end(error: Error | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.isOpen = false;
    this.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } });
  }

  // --- WhatsApp's side, played by the test ---

  /** Logs in and opens with the credentials of a paired device; otherwise shows a QR (Baileys' choice). */
  connect(): void {
    this.ev.emit('connection.update', { connection: 'connecting', receivedPendingNotifications: false, qr: undefined });
    if (this.creds.me && this.creds.account) this.open();
    else this.showQr();
  }

  showQr(): void {
    const qr = `2@stand-in-ref-${this.index}-${this.qrs.length},${Buffer.from(this.creds.noiseKey.public).toString('base64')}`;
    this.qrs.push(qr);
    this.ev.emit('connection.update', { qr });
  }

  open(): void {
    this.isOpen = true;
    this.ev.emit('connection.update', { connection: 'open' });
  }

  /** The phone scanned the QR (or entered the code): new credentials, a signal key, then 515. */
  async completePairing(): Promise<void> {
    if (this.creds.pairingCode) {
      this.creds.registered = true;
      this.ev.emit('creds.update', this.creds);
    }
    const account = proto.ADVSignedDeviceIdentity.fromObject({
      details: Buffer.from('stand-in-device-details'),
      accountSignatureKey: Buffer.alloc(32, 7),
      accountSignature: Buffer.alloc(64, 8),
      deviceSignature: Buffer.alloc(64, 9),
    });
    this.ev.emit('creds.update', { me: { ...BOT_ME }, account, platform: 'android' });
    this.ev.emit('connection.update', { isNewLogin: true, qr: undefined });
    await this.options.auth.keys.set({ 'pre-key': { '1': { public: Buffer.alloc(32, 1), private: Buffer.alloc(32, 2) } } });
    this.close(baileysErrors.restartRequired());
  }

  close(error: Error): void {
    this.isOpen = false;
    this.ended = true;
    this.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } });
  }

  /** New messages from people, as a 'notify' upsert. */
  deliver(...messages: WAMessage[]): void {
    this.ev.emit('messages.upsert', { messages, type: 'notify' });
  }

  /** WhatsApp names a person's LID and phone-number JID together (app-state sync, linked-profile notices). */
  announceMapping(lid: string, pn: string): void {
    this.ev.emit('lid-mapping.update', { lid, pn });
  }

  /** A receipt for a message the bot sent, as `messages.update` (one-to-one chats). */
  receipt(jid: string, id: string, status: proto.WebMessageInfo.Status, errorCode?: string): void {
    this.ev.emit('messages.update', [
      { key: { remoteJid: jid, fromMe: true, id }, update: { status, ...(errorCode !== undefined && { messageStubParameters: [errorCode] }) } },
    ]);
  }
}

export function createBaileysStandIn(options: StandInOptions = {}): BaileysStandIn {
  const sockets: StandInSocket[] = [];
  const sent: SentRecord[] = [];
  const failures: Error[] = [];
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((wake) => wake());

  const waitUntil = <T>(ready: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> =>
    waitUntilShared(waiters, ready, timeoutMs, () => `baileys stand-in: ${what()}`);

  return {
    sockets,
    sent,
    makeSocket(socketOptions) {
      const socket = new StandInSocket(socketOptions, sockets.length, { sent, failures, changed });
      sockets.push(socket);
      // Like the real socket: it starts talking to WhatsApp after the caller attached its listeners.
      if (options.autoConnect ?? true) setImmediate(() => socket.connect());
      changed();
      return socket;
    },
    latest() {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('baileys stand-in: no socket made yet');
      return socket;
    },
    waitForSocket(count, timeoutMs = 5_000) {
      return waitUntil(() => sockets[count - 1], timeoutMs, () => `socket #${count} (have ${sockets.length})`);
    },
    waitForSent(count, timeoutMs = 5_000) {
      return waitUntil(() => (sent.length >= count ? [...sent] : undefined), timeoutMs, () => `${count} sends (have ${sent.length})`);
    },
    failNextSends(...errors) {
      failures.push(...errors);
    },
  };
}
