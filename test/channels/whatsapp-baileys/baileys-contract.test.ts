import { afterAll } from 'vitest';
import { backends, type TestDatabase } from '../../support/backends.js';
import { baileysErrors, type SentRecord } from '../../support/baileys-stand-in.js';
import { SITI_LID_JID } from '../../support/baileys-messages.js';
import { runChannelContract, type InjectedFailure, type PlatformMessage } from '../channel-contract.js';
import { createRecordingSink } from '../telegram/recording-sink.js';
import { makeChannel } from './harness.js';

// LID addressing: what Baileys 7 hands over more and more often.
const CHAT = SITI_LID_JID;

const FAILURES: Record<Exclude<InjectedFailure, 'blocked'>, () => Error> = {
  'rate-limited': baileysErrors.rateOverlimit,
  transient: baileysErrors.connectionClosed,
  rejected: baileysErrors.itemNotFound,
};

function asPlatformMessage(sent: SentRecord): PlatformMessage {
  const content = sent.content;
  const text = 'text' in content ? content.text : content.caption;
  return {
    ...(text !== undefined && { text }),
    ...('image' in content && { image: true as const }),
    externalId: sent.id,
  };
}

// Opening PGlite is slow: one database for the whole suite, sessions deleted between cases.
let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.dispose();
});

runChannelContract({
  name: 'whatsapp (baileys, stand-in socket)',
  async makeHarness() {
    db ??= await backends[0]!.open();
    await db.prisma.channelState.deleteMany();
    const setup = await makeChannel({ db, sink: createRecordingSink(), standInOptions: { autoConnect: false } });
    // A paired session that is online.
    (await setup.standIn.waitForSocket(1)).open();
    const deliverableImage = await setup.media.put(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), { mimeType: 'image/jpeg', channel: 'whatsapp' });
    return {
      channel: setup.channel,
      chatId: CHAT,
      received: async () => setup.standIn.sent.filter((sent) => sent.jid === CHAT).map(asPlatformMessage),
      injectFailure: (failure) => {
        if (failure === 'blocked') throw new Error('WhatsApp cannot be made to report a block');
        setup.standIn.failNextSends(FAILURES[failure]());
      },
      deliverableImage,
      dispose: setup.dispose,
    };
  },
  skip: [
    {
      reason:
        'WhatsApp never tells a sender they are blocked: the message is accepted and stays undelivered (one tick), so the adapter cannot classify a block',
      tests: ['classifies a blocked chat as blocked'],
    },
  ],
});
