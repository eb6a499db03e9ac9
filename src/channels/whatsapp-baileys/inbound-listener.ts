import { setTimeout as sleep } from 'node:timers/promises';
import type { WAMessage } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { DeliveryUpdate, InboundContent, InboundMessage, InboundSink } from '../channel-port.js';
import { cleanDeliveryUpdate } from '../clean-text.js';
import type { MediaStore } from '../../media/media-store.js';
import type { BaileysSocket } from './baileys-socket.js';
import type { PersonIds } from './person-ids.js';
import { lidPnPair, phoneDigitsOf } from './read-jids.js';
import { fromMessageUpdate, fromReceiptUpdate } from './to-delivery-update.js';
import { altJidOf, toInboundMessage, type ImageToFetch, type InboundDraft } from './to-inbound-message.js';

/** Fetches and decrypts the image of a message (Baileys' `downloadMediaMessage` in production). */
export type DownloadImage = (message: WAMessage, socket: BaileysSocket) => Promise<Buffer>;

export interface InboundListenerOptions {
  sink: InboundSink;
  mediaStore: MediaStore;
  downloadImage: DownloadImage;
  logger: Logger;
  /** Makes every chat id the person's one id (their phone-number JID when known). */
  personIds: PersonIds;
  /** Waits between attempts to store a message while the database is unavailable. */
  retryDelaysMs?: number[];
}

export interface InboundListener {
  /** Listens to a new socket's messages and receipts. */
  attach(socket: BaileysSocket): void;
  /** Resolves once every message and receipt received so far was handed to the sink (or given up). */
  idle(): Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [250, 1_000, 4_000, 15_000];

/**
 * Hands WhatsApp traffic to the sink: new messages ('notify' upserts) one at a time in arrival
 * order, so a person's quick messages are never reordered; delivery receipts as they come.
 * WhatsApp does not deliver a message again once Baileys has acknowledged it, so a message the
 * sink cannot store is retried here for a while before it is given up (and logged as lost).
 * LID↔phone pairs WhatsApp announces (`lid-mapping.update`) join the same queue, so a message
 * that came after the pair is already under the phone number's chat.
 */
export function createInboundListener(options: InboundListenerOptions): InboundListener {
  const { sink, logger } = options;
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let queue: Promise<void> = Promise.resolve();
  const reporting = new Set<Promise<void>>();

  function enqueue(task: () => Promise<void>): void {
    queue = queue.then(task).catch((error: unknown) => {
      logger.error({ errorName: error instanceof Error ? error.name : typeof error }, 'handling a WhatsApp message failed');
    });
  }

  async function handle(raw: WAMessage, socket: BaileysSocket): Promise<void> {
    const read = toInboundMessage(raw);
    if (!read) return;
    const draft = await asPerson(read, raw);
    const message = await withImage(draft, raw, socket);
    for (let attempt = 0; ; attempt += 1) {
      try {
        const outcome = await sink.receive(message);
        logger.debug({ kind: message.content.kind, outcome }, 'whatsapp message received');
        return;
      } catch (error) {
        const wait = retryDelays[attempt];
        if (wait === undefined) {
          logger.error({ kind: message.content.kind, attempts: attempt + 1 }, 'a WhatsApp message could not be stored and is lost');
          return;
        }
        logger.warn({ errorName: error instanceof Error ? error.name : typeof error, retryInMs: wait }, 'storing a WhatsApp message failed; retrying');
        await sleep(wait);
      }
    }
  }

  /** The draft under the person's one chat id; a phone-number chat id is the phone WhatsApp vouches for. */
  async function asPerson(draft: InboundDraft, raw: WAMessage): Promise<InboundDraft> {
    const chatId = await options.personIds.resolve(draft.chatId, altJidOf(raw));
    if (chatId === draft.chatId) return draft;
    const phone = phoneDigitsOf(chatId) ?? draft.sender?.phone;
    return { ...draft, chatId, ...(phone !== undefined && { sender: { ...draft.sender, phone } }) };
  }

  /** A pair WhatsApp announced: what was kept under the LID moves to the phone number's chat. */
  async function join(lid: string, pn: string): Promise<void> {
    try {
      await options.personIds.learn(lid, pn);
    } catch (error) {
      logger.warn({ errorName: error instanceof Error ? error.name : typeof error }, 'joining the two WhatsApp ids of a person failed; tried again with their next message');
    }
  }

  async function withImage(draft: InboundDraft, raw: WAMessage, socket: BaileysSocket): Promise<InboundMessage> {
    if (draft.content.kind !== 'image-to-fetch') return { ...draft, content: draft.content };
    return { ...draft, content: await fetchImage(draft.content, raw, socket) };
  }

  async function fetchImage(image: ImageToFetch, raw: WAMessage, socket: BaileysSocket): Promise<InboundContent> {
    try {
      const bytes = await options.downloadImage(raw, socket);
      const mediaRef = await options.mediaStore.put(bytes, { channel: 'whatsapp', ...(image.mimeType !== undefined && { mimeType: image.mimeType }) });
      return {
        kind: 'image',
        mediaRef,
        ...(image.caption !== undefined && { caption: image.caption }),
        ...(image.mimeType !== undefined && { mimeType: image.mimeType }),
      };
    } catch (error) {
      // The person still gets an answer; the flow treats it like any message it cannot read.
      logger.warn({ errorName: error instanceof Error ? error.name : typeof error, status: httpStatusOf(error) }, 'downloading a WhatsApp image failed');
      return { kind: 'unsupported', platformType: 'image-unavailable' };
    }
  }

  /** Reads one receipt; a malformed one is skipped, never thrown into Baileys' event emitter. */
  function report(read: () => DeliveryUpdate | undefined): void {
    let update: DeliveryUpdate | undefined;
    try {
      const raw = read();
      update = raw && cleanDeliveryUpdate(raw);
    } catch {
      logger.warn('unreadable WhatsApp receipt skipped');
      return;
    }
    if (!update || !sink.deliveryUpdate) return;
    const task = sink
      .deliveryUpdate(update)
      .catch((error: unknown) => {
        logger.warn({ status: update.status, errorName: error instanceof Error ? error.name : typeof error }, 'recording a WhatsApp receipt failed');
      })
      .finally(() => reporting.delete(task));
    reporting.add(task);
  }

  return {
    attach(socket) {
      socket.ev.on('messages.upsert', ({ messages, type }) => {
        // 'append' is history and the bot's own sends, not someone writing now.
        if (type !== 'notify' || !Array.isArray(messages)) return;
        for (const raw of messages) enqueue(() => handle(raw, socket));
      });
      socket.ev.on('lid-mapping.update', (mapping) => {
        if (typeof mapping?.lid !== 'string' || typeof mapping.pn !== 'string') return;
        const pair = lidPnPair(mapping.lid, mapping.pn);
        if (pair) enqueue(() => join(pair.lid, pair.pn));
      });
      socket.ev.on('messages.update', (updates) => {
        if (!Array.isArray(updates)) return;
        for (const update of updates) report(() => fromMessageUpdate(update));
      });
      socket.ev.on('message-receipt.update', (updates) => {
        if (!Array.isArray(updates)) return;
        for (const update of updates) report(() => fromReceiptUpdate(update));
      });
    },
    async idle() {
      await queue;
      await Promise.all(reporting);
    },
  };
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('output' in error)) return undefined;
  const output = error.output;
  return typeof output === 'object' && output !== null && 'statusCode' in output && typeof output.statusCode === 'number' ? output.statusCode : undefined;
}
