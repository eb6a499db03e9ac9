import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../../support/backends.js';
import { createBaileysStandIn } from '../../support/baileys-stand-in.js';
import { SITI_PN_JID } from '../../support/baileys-messages.js';
import { createRecordingSink } from '../telegram/recording-sink.js';
import { eventually, makeChannel } from './harness.js';

// Issue 6.3: Baileys waits up to a minute on a stalled socket; a chat's queue must not.
describe('WhatsApp (Baileys) send on a socket that never answers', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await backends[0]!.open();
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('gives up after the send timeout with an unknown outcome', async () => {
    const standIn = createBaileysStandIn({ autoConnect: false });
    const setup = await makeChannel({
      db,
      sink: createRecordingSink(),
      standIn,
      options: {
        sendTimeoutMs: 300,
        makeSocket: (options) => {
          const socket = standIn.makeSocket(options);
          socket.sendMessage = () => new Promise(() => {});
          return socket;
        },
      },
    });
    try {
      (await standIn.waitForSocket(1)).open();
      await eventually(() => setup.channel.status === 'open', 5_000, 'an open connection');
      const started = Date.now();
      const result = await Promise.race([
        setup.channel.send(SITI_PN_JID, { kind: 'text', text: 'halo' }),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
      ]);
      expect(result).toEqual({ status: 'unknown', reason: 'whatsapp: no answer within the send timeout' });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await setup.dispose();
    }
  });
});
