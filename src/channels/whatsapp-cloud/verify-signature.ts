import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER_FORMAT = /^sha256=([0-9a-f]{64})$/i;

/**
 * True when `header` (X-Hub-Signature-256: "sha256=<hex>") is the HMAC-SHA256 of exactly these
 * bytes under the app secret, compared in constant time. Checked over the raw body: re-encoding
 * parsed JSON would change the bytes Meta signed.
 */
export function verifySignature(appSecret: string, rawBody: Uint8Array, header: string | undefined): boolean {
  const presented = header === undefined ? undefined : HEADER_FORMAT.exec(header.trim())?.[1];
  if (presented === undefined) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(presented, 'hex'));
}
