import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { expect } from 'vitest';
import type { InboundSink } from '../../../src/channels/channel-port.js';
import type { BaileysChannel, BaileysChannelOptions } from '../../../src/channels/whatsapp-baileys/baileys-channel.js';
import { createBaileysChannel } from '../../../src/channels/whatsapp-baileys/create-baileys-channel.js';
import { createLocalDiskMediaStore } from '../../../src/media/local-disk-media-store.js';
import type { MediaStore } from '../../../src/media/media-store.js';
import type { Database } from '../../../src/storage/database.js';
import { createBaileysStandIn, type BaileysStandIn, type StandInOptions } from '../../support/baileys-stand-in.js';

/** Every log line written, raw (before any redaction), for checks that nothing personal is logged. */
export interface LogCapture {
  logger: Logger;
  lines: string[];
  messages(): string[];
}

export function captureLogs(): LogCapture {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines, messages: () => lines.map((line) => (JSON.parse(line) as { msg: string }).msg) };
}

/** JIDs and phone numbers must never reach a log line. */
export function expectNothingPersonal(lines: string[]): void {
  const all = lines
    .map((line) => {
      const { time: _time, pid: _pid, ...record } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(record);
    })
    .join('\n');
  expect(all).not.toMatch(/@s\.whatsapp\.net|@lid|@g\.us/);
  expect(all).not.toMatch(/62\d{8,}|08\d{8,}/);
  expect(all).not.toMatch(/\d{12,}/);
}

export interface ChannelUnderTest {
  channel: BaileysChannel;
  standIn: BaileysStandIn;
  logs: LogCapture;
  media: MediaStore;
  /** QR codes drawn "in the terminal". */
  printed: string[];
  credentialsKey: Buffer;
  dispose(): Promise<void>;
}

export interface ChannelSetup {
  db: Database;
  sink?: InboundSink;
  standIn?: BaileysStandIn;
  standInOptions?: StandInOptions;
  credentialsKey?: Buffer;
  pairingPhone?: string;
  logs?: LogCapture;
  options?: Partial<BaileysChannelOptions>;
}

/** A Baileys channel on the stand-in socket, its own media directory, fast reconnects. */
export async function makeChannel(setup: ChannelSetup): Promise<ChannelUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), 'kpm-wa-media-'));
  const media = createLocalDiskMediaStore(dir);
  const standIn = setup.standIn ?? createBaileysStandIn(setup.standInOptions);
  const logs = setup.logs ?? captureLogs();
  const printed: string[] = [];
  const credentialsKey = setup.credentialsKey ?? randomBytes(32);
  const channel = createBaileysChannel({
    db: setup.db,
    config: { credentialsKey, libraryLogLevel: 'silent', ...(setup.pairingPhone !== undefined && { pairingPhone: setup.pairingPhone }) },
    logger: logs.logger,
    mediaStore: media,
    makeSocket: standIn.makeSocket,
    printQr: (qr) => printed.push(qr),
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    storeRetryDelaysMs: [20, 40],
    ...setup.options,
  });
  if (setup.sink) await channel.start(setup.sink);
  return {
    channel,
    standIn,
    logs,
    media,
    printed,
    credentialsKey,
    async dispose() {
      await channel.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns something other than undefined/false. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
