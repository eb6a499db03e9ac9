import { createCloudChannel } from '../../../src/channels/whatsapp-cloud/create-cloud-channel.js';
import { createGraphApiStandIn, type GraphBehaviour } from '../../support/graph-api-stand-in.js';
import { runChannelContract, type InjectedFailure } from '../channel-contract.js';
import { asPlatformMessage, cloudConfig } from './cloud-harness.js';

const CHAT = '6281299990042';

const FAILURES: Partial<Record<InjectedFailure, GraphBehaviour>> = {
  'rate-limited': { kind: 'throughput' },
  transient: { kind: 'server-error' },
  rejected: { kind: 'bad-request' },
};

runChannelContract({
  name: 'whatsapp-cloud',
  async makeHarness() {
    const standIn = await createGraphApiStandIn();
    return {
      // The person wrote a minute ago: the 24-hour window is open (the window has its own tests).
      channel: createCloudChannel({ config: cloudConfig(standIn.apiBase), lastInboundAt: async () => new Date(Date.now() - 60_000) }),
      chatId: CHAT,
      received: async () => standIn.messagesTo(CHAT).map(asPlatformMessage),
      injectFailure: (failure) => {
        const behaviour = FAILURES[failure];
        if (!behaviour) throw new Error(`no Cloud API behaviour for '${failure}'`);
        standIn.scriptSends(CHAT, behaviour);
      },
      // Media uploaded to the business number are sent again by their id.
      deliverableImage: 'whatsapp-cloud:media:1234567890',
      dispose: () => standIn.close(),
    };
  },
  skip: [
    {
      reason:
        'the Cloud API has no "blocked" answer: a block shows only as 131026 (undeliverable), which also covers old app versions and unaccepted terms, and mostly arrives later in a failed status; it is classified failed per message',
      tests: ['classifies a blocked chat as blocked'],
    },
  ],
});
