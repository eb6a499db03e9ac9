import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/create-telegram-channel.js';
import { startSilentServer } from '../../support/silent-server.js';

// Issue 6.3: a Bot API that accepts the connection and never answers held each send for
// Telegraf's 500 s. The send now gives up after its timeout, and says the outcome is unknown.
describe('telegram send against a Bot API that never answers', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  beforeEach(async () => {
    silent = await startSilentServer();
  });
  afterEach(() => silent.close());

  it('gives up after the send timeout with an unknown outcome', async () => {
    const channel = createTelegramChannel({ token: '123:test', apiRoot: silent.url, sendTimeoutMs: 300 });
    const started = Date.now();
    const result = await Promise.race([
      channel.send('42', { kind: 'text', text: 'halo' }),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
    ]);
    expect(result).toEqual({ status: 'unknown', reason: 'telegram: no answer within the send timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(silent.received).toHaveLength(1);
  });
});
