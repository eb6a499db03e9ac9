import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloudChannel } from '../../../src/channels/whatsapp-cloud/create-cloud-channel.js';
import { startSilentServer } from '../../support/silent-server.js';
import { cloudConfig } from './cloud-harness.js';

// Issue 6.3: a hung Graph API must not hold a chat's queue, and a timed-out send may have arrived.
describe('whatsapp-cloud send against a Graph API that never answers', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  beforeEach(async () => {
    silent = await startSilentServer();
  });
  afterEach(() => silent.close());

  it('gives up after the configured send timeout with an unknown outcome', async () => {
    const channel = createCloudChannel({ config: cloudConfig(`${silent.url}/v21.0`), lastInboundAt: async () => new Date(), sendTimeoutMs: 300 });
    const started = Date.now();
    const result = await Promise.race([
      channel.send('6281299990077', { kind: 'text', text: 'halo' }),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
    ]);
    expect(result).toEqual({ status: 'unknown', reason: 'whatsapp-cloud: no answer within the send timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
