import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when `presented` equals `expected`, compared in constant time. Both sides are hashed
 * first so the comparison also hides the secret's length.
 */
export function verifySecret(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(digest(expected), digest(presented));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
