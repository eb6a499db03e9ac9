import type { InboundMessage, InboundSink } from '../../../src/channels/channel-port.js';

/** An InboundSink that keeps what it stored, dedupes by externalId, and can be made to fail. */
export interface RecordingSink extends InboundSink {
  /** Each message stored, in order (duplicates are not stored twice). */
  stored: InboundMessage[];
  /** Every receive call, duplicates and failures included. */
  received: InboundMessage[];
  /** The next `count` receive calls throw, as a database outage would. */
  failNext(count?: number): void;
  waitForStored(count: number, timeoutMs?: number): Promise<InboundMessage[]>;
}

export function createRecordingSink(): RecordingSink {
  const stored: InboundMessage[] = [];
  const received: InboundMessage[] = [];
  let failures = 0;
  return {
    stored,
    received,
    failNext(count = 1) {
      failures += count;
    },
    async receive(message) {
      received.push(message);
      if (failures > 0) {
        failures -= 1;
        throw new Error('storage unavailable');
      }
      if (stored.some((known) => known.externalId === message.externalId)) return 'duplicate';
      stored.push(message);
      return 'stored';
    },
    async waitForStored(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (stored.length < count) {
        if (Date.now() > deadline) throw new Error(`sink: timed out waiting for ${count} stored (have ${stored.length})`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return [...stored];
    },
  };
}
