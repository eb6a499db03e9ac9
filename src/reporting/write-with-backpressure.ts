import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes a chunk and waits while the reader (a slow phone on the other end) catches up. */
export async function writeWithBackpressure(output: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!output.write(chunk)) await waitForDrain(output);
}

/** Resolves when `output` drains; rejects when it closes or fails first (the download was cancelled). */
export async function waitForDrain(output: Writable): Promise<void> {
  if (!output.writableNeedDrain) return;
  const closed = once(output, 'close').then(() => {
    throw new Error('the export output closed before the export finished');
  });
  await Promise.race([once(output, 'drain'), closed]);
}
