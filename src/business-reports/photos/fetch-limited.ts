/** A download that stopped because it was larger than allowed. */
export const TOO_LARGE = 'too-large' as const;

/**
 * GETs `url` with a timeout, reading at most `maxBytes` (a larger body is abandoned as soon as it
 * passes the limit, whatever Content-Length said). Throws on network errors and non-2xx.
 */
export async function fetchLimited(
  url: string,
  options: { maxBytes: number; timeoutMs: number; headers?: Record<string, string> },
): Promise<{ bytes: Buffer; contentType: string | null } | typeof TOO_LARGE> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('download timed out')), options.timeoutMs);
  try {
    const response = await fetch(url, { headers: options.headers ?? {}, signal: controller.signal, redirect: 'follow' });
    if (!response.ok) throw new Error(`download failed with HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return TOO_LARGE;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return TOO_LARGE;
      }
      chunks.push(Buffer.from(value));
    }
    return { bytes: Buffer.concat(chunks), contentType: response.headers.get('content-type') };
  } finally {
    clearTimeout(timer);
  }
}
