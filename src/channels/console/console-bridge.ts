import type { ChannelAdapter, OutboundContent, SendOptions, SendResult } from '../channel-port.js';
import { renderChoicesAsText } from '../render-choices-as-text.js';
import { splitText } from '../split-text.js';

const MAX_TEXT_LENGTH = 4096;

/** What a terminal attached to the running server is told. */
export type ConsoleEvent = { kind: 'reply'; text: string } | { kind: 'drained' } | { kind: 'closed' };

/**
 * The console channel inside the running server (`npm start`), for `npm run chat` to talk to:
 * the terminal sends its lines over the loopback console endpoint and attaches here to receive
 * the replies, so it chats with the server's own database instead of a copy.
 */
export interface ConsoleBridge extends ChannelAdapter {
  readonly name: 'console';
  /** Passes this chat's replies (and drained notices) to `listener` until the returned function is called. */
  attach(chatId: string, listener: (event: ConsoleEvent) => void): () => void;
  /** Tells the chat's terminals that every reply before this notice was passed on. */
  drained(chatId: string): void;
  /** Tells every attached terminal the stream is closing, and detaches it (at shutdown). */
  stop(): Promise<void>;
}

/** Replies go to the terminals attached to the chat; with none attached the outbox tries again later. */
export function createConsoleBridge(): ConsoleBridge {
  const listeners = new Map<string, Set<(event: ConsoleEvent) => void>>();
  const detachers = new Map<() => void, (event: ConsoleEvent) => void>();

  function notify(chatId: string, event: ConsoleEvent): boolean {
    const attached = listeners.get(chatId);
    if (!attached || attached.size === 0) return false;
    for (const listener of attached) listener(event);
    return true;
  }

  return {
    name: 'console',
    capabilities: { buttons: false, maxTextLength: MAX_TEXT_LENGTH },

    async send(chatId: string, content: OutboundContent, sendOptions?: SendOptions): Promise<SendResult> {
      if (content.kind === 'image') return { status: 'failed', reason: 'the console cannot show images' };
      const text = renderChoicesAsText(content);
      if (text.trim() === '') return { status: 'failed', reason: 'empty message' };
      if (!listeners.get(chatId)?.size) return { status: 'transient-error', reason: 'no terminal attached' };
      sendOptions?.onDispatch?.();
      for (const piece of splitText(text, MAX_TEXT_LENGTH)) notify(chatId, { kind: 'reply', text: piece });
      return { status: 'sent' };
    },

    attach(chatId, listener) {
      let attached = listeners.get(chatId);
      if (!attached) {
        attached = new Set();
        listeners.set(chatId, attached);
      }
      attached.add(listener);
      const detach = () => {
        detachers.delete(detach);
        attached.delete(listener);
        if (attached.size === 0 && listeners.get(chatId) === attached) listeners.delete(chatId);
      };
      detachers.set(detach, listener);
      return detach;
    },

    drained(chatId) {
      notify(chatId, { kind: 'drained' });
    },

    async stop() {
      for (const [detach, listener] of [...detachers]) {
        listener({ kind: 'closed' });
        detach();
      }
    },
  };
}
