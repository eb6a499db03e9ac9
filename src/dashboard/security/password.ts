import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False for a wrong password and for a malformed stored hash, never an exception. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A one-time password someone can type: 16 characters without look-alikes (0/O, 1/l/I). */
export function generateOneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789';
  const bytes = randomBytes(32);
  let out = '';
  for (const byte of bytes) {
    // 250 = 5 × 50: rejecting the rest keeps every character equally likely.
    if (byte < 250) out += alphabet[byte % alphabet.length];
    if (out.length === 16) break;
  }
  return out.length === 16 ? out : generateOneTimePassword();
}
