import type { ChannelAdapter, ChannelName, OutboundContent, SendOptions, SendResult } from '../../src/channels/channel-port.js';

/** A channel that records every send and answers with scripted results (default: sent). Every attempt is dispatched (its hook runs). */
export class RecordingChannel implements ChannelAdapter {
  readonly capabilities = { buttons: false, maxTextLength: 4096 };
  readonly sent: Array<{ chatId: string; content: OutboundContent; at: number }> = [];
  readonly attempts: Array<{ chatId: string; text: string }> = [];
  private readonly scripted = new Map<string, SendResult[]>();
  private counter = 0;

  constructor(readonly name: ChannelName = 'telegram') {}

  /** The next sends to `chatId` answer these results, in turn. */
  script(chatId: string, ...results: SendResult[]): void {
    this.scripted.set(chatId, [...(this.scripted.get(chatId) ?? []), ...results]);
  }

  async send(chatId: string, content: OutboundContent, options?: SendOptions): Promise<SendResult> {
    options?.onDispatch?.();
    this.attempts.push({ chatId, text: content.kind === 'text' ? content.text : content.mediaRef });
    const next = this.scripted.get(chatId)?.shift();
    if (next && next.status !== 'sent') return next;
    this.counter += 1;
    this.sent.push({ chatId, content, at: Date.now() });
    return { status: 'sent', externalId: `ext-${this.counter}` };
  }

  textsTo(chatId: string): string[] {
    return this.sent.filter((entry) => entry.chatId === chatId).map((entry) => (entry.content.kind === 'text' ? entry.content.text : ''));
  }
}
