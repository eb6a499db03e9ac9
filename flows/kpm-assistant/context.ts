import type { FlowInput, Language } from './contract.js';
import type { Topic } from './read-topic.js';

/** What the assistant remembers between messages. JSON-safe: it is persisted with the snapshot. */
export interface KpmContext {
  channel: string;
  chatId: string;
  language: Language;
  /** Set once the chat is linked to a recipient (after verification). */
  recipientId: number | null;
  /** Only while a verification is under way (needed again for the name step); cleared on leaving it. */
  nik: string | null;
  /** What the person asked for before they had to verify. */
  intent: 'eligibility' | 'status' | 'report' | null;
  /** Invalid NIK entries in a row, to stop asking after a few. */
  failedNikEntries: number;
  /** What the person asked about (FAQ, reporting a cut, ...) while the contact to show is loaded. */
  topic: Topic | null;
}

export function initialContext(input: FlowInput): KpmContext {
  return {
    channel: input.channel,
    chatId: input.chatId,
    language: input.language ?? 'id',
    recipientId: input.recipientId ?? null,
    nik: null,
    intent: null,
    failedNikEntries: 0,
    topic: null,
  };
}

export function isLinked(context: KpmContext): boolean {
  return context.recipientId !== null;
}
