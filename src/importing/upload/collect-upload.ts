import type { UploadLimits } from './upload-limits.js';

/** An upload as the web layer has it: a whole buffer, or a stream of chunks (a Node or web stream). */
export type UploadInput = Uint8Array | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/**
 * Reads an upload into one Buffer, stopping (and reporting `too-large`) as soon as it passes
 * `maxBytes`, so an oversized body is never held whole.
 */
export async function collectUpload(
  input: UploadInput,
  limits: Pick<UploadLimits, 'maxBytes'>,
): Promise<{ ok: true; bytes: Buffer } | { ok: false }> {
  if (input instanceof Uint8Array) {
    return input.byteLength > limits.maxBytes ? { ok: false } : { ok: true, bytes: Buffer.from(input) };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const iterable: AsyncIterable<Uint8Array> = Symbol.asyncIterator in input ? input : webStreamChunks(input);
  for await (const chunk of iterable) {
    size += chunk.byteLength;
    // Leaving the loop early ends (destroys) a Node stream; the rest is not read.
    if (size > limits.maxBytes) return { ok: false };
    chunks.push(Buffer.from(chunk));
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

async function* webStreamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
