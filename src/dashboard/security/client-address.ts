import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The TCP peer's address. Forwarded headers are not trusted: anyone can send them, and a login
 * limit keyed on them could be sidestepped. Behind a proxy all users share the proxy's address;
 * the per-account limit still holds.
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
