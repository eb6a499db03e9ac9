import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChannelAdapter, InboundMessage, InboundSink, OutboundContent, SendOptions, SendResult } from '../channel-port.js';
import { cleanInbound } from '../clean-text.js';
import { renderChoicesAsText } from '../render-choices-as-text.js';
import { splitText } from '../split-text.js';

const MAX_TEXT_LENGTH = 4096;

export interface ConsoleChannelOptions {
  input: Readable;
  output: Writable;
  /** The one chat this terminal is; kept across runs so a linked chat stays linked. */
  chatId: string;
  /** Shown before each line the person types. */
  prompt?: string;
  /** Called when the input ends (Ctrl-D) and every typed line is stored. */
  onEnd?: () => void;
  /** Called when a typed line could not be stored. */
  onError?: (error: unknown) => void;
}

/** A terminal as a chat: each typed line is a message, each reply is printed, choices as numbered text. */
export function createConsoleChannel(options: ConsoleChannelOptions): ChannelAdapter {
  let lines: ReturnType<typeof createInterface> | undefined;
  const session = randomUUID().slice(0, 8);
  let counter = 0;
  let stored: Promise<void> = Promise.resolve();

  return {
    name: 'console',
    // Long replies are cut as a phone would receive them, so the simulator shows what a KPM sees.
    capabilities: { buttons: false, maxTextLength: MAX_TEXT_LENGTH },

    async send(chatId: string, content: OutboundContent, sendOptions?: SendOptions): Promise<SendResult> {
      if (chatId !== options.chatId) return { status: 'failed', reason: 'unknown console chat' };
      if (content.kind === 'image') return { status: 'failed', reason: 'the console cannot show images' };
      const text = renderChoicesAsText(content);
      if (text.trim() === '') return { status: 'failed', reason: 'empty message' };
      sendOptions?.onDispatch?.();
      for (const piece of splitText(text, MAX_TEXT_LENGTH)) options.output.write(`\n${piece}\n`);
      if (options.prompt) options.output.write(options.prompt);
      // A terminal has no message ids to report.
      return { status: 'sent' };
    },

    async start(sink: InboundSink): Promise<void> {
      lines = createInterface({ input: options.input, terminal: false });
      lines.on('line', (line) => {
        const text = line.trim();
        if (!text) return;
        counter += 1;
        const externalId = `${session}-${counter}`;
        // One after another, so lines pasted at once are stored in the order typed.
        stored = stored
          .then(() => sink.receive(cleanInbound<InboundMessage>({ channel: 'console', chatId: options.chatId, externalId, content: { kind: 'text', text } })))
          .then(
            () => undefined,
            (error: unknown) => options.onError?.(error),
          );
      });
      // Only once every typed line is stored, so the caller can wait for their answers.
      lines.on('close', () => void stored.then(() => options.onEnd?.()));
    },

    async stop(): Promise<void> {
      lines?.close();
    },

  };
}
