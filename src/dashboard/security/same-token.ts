import { timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two tokens; false when either is missing. */
export function sameToken(a: unknown, b: string | undefined): boolean {
  if (typeof a !== 'string' || !b) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
