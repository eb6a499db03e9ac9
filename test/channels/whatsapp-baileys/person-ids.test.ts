import type { SignalDataSet, SignalDataTypeMap, SignalKeyStore } from '@whiskeysockets/baileys';
// Baileys' own reader of the mapping (not exported from its index): proves the stored format is its own.
import { LIDMappingStore } from '@whiskeysockets/baileys/lib/Signal/lid-mapping.js';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createPersonIds } from '../../../src/channels/whatsapp-baileys/person-ids.js';
import { SITI_LID_JID, SITI_PN_JID } from '../../support/baileys-messages.js';
import { createRecordingSink } from '../telegram/recording-sink.js';

/** An in-memory signal key store, as Baileys' auth state offers it; `failing` makes every call throw. */
function memoryKeys() {
  const rows = new Map<string, unknown>();
  const store = {
    rows,
    failing: false,
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      if (store.failing) throw new Error('database down');
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) if (rows.has(`${type}:${id}`)) found[id] = rows.get(`${type}:${id}`) as SignalDataTypeMap[T];
      return found;
    },
    async set(data: SignalDataSet) {
      if (store.failing) throw new Error('database down');
      for (const [type, entries] of Object.entries(data)) for (const [id, value] of Object.entries(entries ?? {})) rows.set(`${type}:${id}`, value);
    },
  };
  return store satisfies SignalKeyStore;
}

function setup() {
  const keys = memoryKeys();
  const sink = createRecordingSink();
  const merges: string[][] = [];
  sink.mergeChat = async (channel, from, into) => void merges.push([channel, from, into]);
  const ids = createPersonIds({ keys, sink, logger: pino({ level: 'silent' }) });
  return { keys, merges, ids };
}

describe('one chat id per WhatsApp person', () => {
  it('a message naming both ids goes to the phone number, stores the pair in Baileys\' format and joins the LID once', async () => {
    const { keys, merges, ids } = setup();
    expect(await ids.resolve(SITI_LID_JID, SITI_PN_JID)).toBe(SITI_PN_JID);
    expect(await ids.resolve(SITI_PN_JID, SITI_LID_JID)).toBe(SITI_PN_JID);
    expect(await ids.resolve(SITI_LID_JID, undefined)).toBe(SITI_PN_JID);
    expect(merges).toEqual([['whatsapp', SITI_LID_JID, SITI_PN_JID]]);
    expect(keys.rows).toEqual(new Map([['lid-mapping:6281200000001', '190283746550123'], ['lid-mapping:190283746550123_reverse', '6281200000001']]));
    const baileys = new LIDMappingStore(keys as never, pino({ level: 'silent' }) as never);
    expect(await baileys.getPNForLID(SITI_LID_JID)).toBe('6281200000001:0@s.whatsapp.net');
  });

  it('a LID Baileys already mapped (history sync, an earlier run) resolves to the phone number and is joined', async () => {
    const { keys, merges, ids } = setup();
    keys.rows.set('lid-mapping:190283746550123_reverse', '6281200000001');
    expect(await ids.resolve('190283746550123:12@lid', undefined)).toBe(SITI_PN_JID);
    expect(merges).toEqual([['whatsapp', SITI_LID_JID, SITI_PN_JID]]);
  });

  it('a phone number whose LID Baileys stored joins that LID once, so an opt-out under the LID covers it', async () => {
    const { keys, merges, ids } = setup();
    keys.rows.set('lid-mapping:6281200000001', '190283746550123');
    expect(await ids.resolve(SITI_PN_JID, undefined)).toBe(SITI_PN_JID);
    expect(await ids.resolve(SITI_PN_JID, undefined)).toBe(SITI_PN_JID);
    expect(merges).toEqual([['whatsapp', SITI_LID_JID, SITI_PN_JID]]);
  });

  it('an unknown LID stays as it is; a phone number without alt is itself', async () => {
    const { merges, ids } = setup();
    expect(await ids.resolve(SITI_LID_JID, undefined)).toBe(SITI_LID_JID);
    expect(await ids.resolve(SITI_PN_JID, undefined)).toBe(SITI_PN_JID);
    expect(merges).toEqual([]);
  });

  it('with the database down, a message naming both still goes to the phone number, and joining is tried again next time', async () => {
    const { keys, merges, ids } = setup();
    keys.failing = true;
    expect(await ids.resolve(SITI_LID_JID, SITI_PN_JID)).toBe(SITI_PN_JID);
    expect(await ids.resolve(SITI_LID_JID, undefined)).toBe(SITI_LID_JID);
    keys.failing = false;
    expect(await ids.resolve(SITI_LID_JID, SITI_PN_JID)).toBe(SITI_PN_JID);
    expect(merges).toEqual([['whatsapp', SITI_LID_JID, SITI_PN_JID]]);
  });
});
