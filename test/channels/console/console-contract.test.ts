import { PassThrough } from 'node:stream';
import { createConsoleChannel } from '../../../src/channels/console/create-console-channel.js';
import { runChannelContract, type PlatformMessage } from '../channel-contract.js';

const CHAT = 'terminal-test';

/** Splits what the terminal printed back into messages: each send writes "\n<text>\n". */
function printedMessages(output: string): PlatformMessage[] {
  return output
    .split('\n\n\n')
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => ({ text: chunk.replace(/^\n+|\n+$/g, '') }));
}

runChannelContract({
  name: 'console',
  async makeHarness() {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += `${chunk.toString()}\n`));
    return {
      channel: createConsoleChannel({ input, output, chatId: CHAT }),
      chatId: CHAT,
      received: async () => printedMessages(printed),
      dispose: async () => {
        input.end();
        output.end();
      },
    };
  },
  skip: [
    {
      reason: 'a terminal cannot block the bot, rate-limit it, fail or refuse a message',
      tests: [
        'classifies a blocked chat as blocked',
        'classifies rate limiting as rate-limited, with a wait',
        'classifies platform trouble as transient-error',
        'classifies a refused message as failed',
        'sends again once an injected failure has passed',
      ],
    },
    { reason: 'a terminal cannot show images (the console answers failed)', tests: ['sends an image'] },
    { reason: 'a terminal has no message ids', tests: ['reports the platform message id'] },
  ],
});
