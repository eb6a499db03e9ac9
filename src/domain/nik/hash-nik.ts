import { createHmac } from 'node:crypto';
import { stripNikSeparators } from './strip-nik-separators.js';

/**
 * A keyed fingerprint of a NIK, to count verification attempts per NIK without storing it. Keyed
 * (HMAC-SHA256), because a plain hash of a 16-digit number with known structure is easily
 * reversed by trying every NIK. Separators are dropped first so "3604 0112 ..." and
 * "36040112..." count as the same NIK.
 */
export function hashNik(nik: string, secret: string): string {
  if (secret.length === 0) throw new Error('hashNik needs a non-empty secret');
  return createHmac('sha256', secret).update(stripNikSeparators(nik)).digest('hex');
}
