import type { SignalKeyStore } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { InboundSink } from '../channel-port.js';
import { lidPnPair, isLidJid, isPnJid, jidUser, lidJidOf, pnJidOf } from './read-jids.js';

/**
 * One chat id per person. WhatsApp names a person by phone number (`628…@s.whatsapp.net`) or by
 * LID (`…@lid`); the same KPM may write from either. The phone-number JID is the one kept,
 * whenever it is known: it is what the conversation, the outbox and the invitation prompts use,
 * and it is the phone WhatsApp vouches for.
 *
 * The pairs live where Baileys itself keeps them: its auth-state keys of type 'lid-mapping'
 * (`<pn user>` → `<lid user>` and `<lid user>_reverse` → `<pn user>`, the format of Baileys'
 * LIDMappingStore), which Baileys fills from every message's alt JID, from `lid-mapping.update`
 * and from history sync. Pairs seen here are written the same way when missing, so nothing
 * depends on Baileys having stored them first. The first time in a run a pair is seen (a message
 * naming both, a LID or a phone number whose other id is stored, an announced pair), what was
 * kept under the LID is moved to the phone number (`InboundSink.mergeChat`): a conversation
 * begun under the LID before the pair was known, with its opt-out, joins the phone's.
 */
export interface PersonIds {
  /** The chat id for a message from `chat` (normalised), whose other addressing is `alt` when WhatsApp named it. */
  resolve(chat: string, alt: string | undefined): Promise<string>;
  /** WhatsApp said the LID `lid` and the phone-number JID `pn` are one person. */
  learn(lid: string, pn: string): Promise<void>;
}

export interface PersonIdsOptions {
  /** Baileys' signal key store (the one the socket writes). */
  keys: SignalKeyStore;
  sink: InboundSink;
  logger: Logger;
  /** LIDs remembered as already joined in this run (default 10,000). */
  memory?: number;
}

export function createPersonIds(options: PersonIdsOptions): PersonIds {
  const { keys, sink, logger } = options;
  const memory = options.memory ?? 10_000;
  // LID user → PN user joined in this run, and PN users whose LID was looked up: oldest first, so the oldest is forgotten first.
  const joined = new Map<string, string>();
  const checked = new Map<string, true>();
  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    map.delete(key);
    map.set(key, value);
    if (map.size > memory) map.delete(map.keys().next().value!);
  };

  async function storedPn(lidUser: string): Promise<string | undefined> {
    const reverse = `${lidUser}_reverse`;
    const found = await keys.get('lid-mapping', [reverse]);
    const pnUser = found[reverse];
    return typeof pnUser === 'string' && /^[0-9]{6,15}$/.test(pnUser) ? pnUser : undefined;
  }

  async function learn(lid: string, pn: string): Promise<void> {
    const lidUser = jidUser(lid);
    const pnUser = jidUser(pn);
    if (lidUser === undefined || pnUser === undefined || joined.get(lidUser) === pnUser) return;
    if ((await storedPn(lidUser)) !== pnUser) {
      await keys.set({ 'lid-mapping': { [pnUser]: lidUser, [`${lidUser}_reverse`]: pnUser } });
    }
    await sink.mergeChat?.('whatsapp', lidJidOf(lidUser), pnJidOf(pnUser));
    remember(joined, lidUser, pnUser);
    remember(checked, pnUser, true);
  }

  /** A phone number whose LID Baileys already stored: what is kept under that LID joins it (once a run). */
  async function joinStoredLid(pn: string): Promise<void> {
    const pnUser = jidUser(pn);
    if (pnUser === undefined || checked.has(pnUser)) return;
    const found = await keys.get('lid-mapping', [pnUser]);
    const lidUser = found[pnUser];
    if (typeof lidUser === 'string' && /^[0-9]{1,20}$/.test(lidUser)) await learn(lidJidOf(lidUser), pn);
    remember(checked, pnUser, true);
  }

  return {
    learn,
    async resolve(chat, alt) {
      const pair = lidPnPair(chat, alt);
      try {
        if (pair) {
          await learn(pair.lid, pair.pn);
          return pair.pn;
        }
        if (isPnJid(chat)) {
          await joinStoredLid(chat);
          return chat;
        }
        if (!isLidJid(chat)) return chat;
        const lidUser = jidUser(chat)!;
        const pnUser = joined.get(lidUser) ?? (await storedPn(lidUser));
        if (pnUser === undefined) return chat;
        // Known to Baileys (history sync, an earlier run) but maybe not joined yet.
        await learn(chat, pnJidOf(pnUser));
        return pnJidOf(pnUser);
      } catch (error) {
        // The database is down: the message is still taken in, under the best id known without it; joining is tried again next time.
        logger.warn({ errorName: error instanceof Error ? error.name : typeof error }, 'looking up or joining the two WhatsApp ids of a person failed');
        return pair?.pn ?? chat;
      }
    },
  };
}
