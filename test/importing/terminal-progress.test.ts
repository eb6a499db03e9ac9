import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../src/importing/progress/terminal-progress.js';

function fakeStream(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 });
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, written: () => written };
}

describe('terminalProgress', () => {
  it('draws nothing and offers no callback when the stream is not a terminal', () => {
    const { stream, written } = fakeStream(false);
    const progress = terminalProgress('{value}/{total}', stream);
    expect(progress.onProgress).toBeUndefined();
    progress.stop();
    expect(written()).toBe('');
  });

  it('draws the bar on a terminal up to the final count', async () => {
    const { stream, written } = fakeStream(true);
    const progress = terminalProgress('impor {value}/{total} baris', stream);
    progress.onProgress?.({ done: 0, total: 20 });
    progress.onProgress?.({ done: 20, total: 20 });
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toContain('impor 20/20 baris');
  });
});
