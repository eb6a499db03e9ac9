import type { Writable } from 'node:stream';

/** The reader went away (a cancelled download): the export stops instead of reading on. */
export class ExportCancelled extends Error {
  constructor() {
    super('the export output closed before the export finished');
    this.name = 'ExportCancelled';
  }
}

/** Writes a chunk and waits while the reader (a slow phone on the other end) catches up. */
export async function writeWithBackpressure(output: Writable, chunk: string | Uint8Array): Promise<void> {
  if (output.destroyed) throw new ExportCancelled();
  if (!output.write(chunk)) await waitForDrain(output);
}

/** Resolves when `output` has room again; rejects with ExportCancelled when it is or gets closed. */
export async function waitForDrain(output: Writable): Promise<void> {
  if (output.destroyed) throw new ExportCancelled();
  if (!output.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      output.off('drain', onDrain);
      output.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ExportCancelled());
    output.on('drain', onDrain);
    output.on('close', onClose);
  });
}
