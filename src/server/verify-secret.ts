import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when `presented` equals `expected`, compared in constant time. Both sides are hashed
 * first so the comparison also hides the secret's length.
 */
export function verifySecret(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(expectedDigest(expected), digest(presented));
}

/** The configured secret's digest, kept: it is the same on every request. */
let lastExpected: { secret: string; digest: Buffer } | undefined;

function expectedDigest(secret: string): Buffer {
  if (lastExpected?.secret !== secret) lastExpected = { secret, digest: digest(secret) };
  return lastExpected.digest;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
