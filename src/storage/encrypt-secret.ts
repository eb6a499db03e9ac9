import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets kept at rest. Sealed form: `v1:<iv>:<tag>:<ciphertext>`, base64 parts.
 * The version names the algorithm, so a later format can be read beside this one. `context` is
 * authenticated but not stored: a sealed value only opens under the same context (its row), so
 * values cannot be swapped between rows unnoticed.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function encryptSecret(plaintext: string, key: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

/** Opens a sealed value; throws when the key or context is wrong or the value was altered. */
export function decryptSecret(sealed: string, key: Buffer, context: string): string {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(':');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
    throw new SecretFormatError('unknown sealed-secret format');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretFormatError('sealed secret does not open with this key (wrong key, or altered data)');
  }
}

export class SecretFormatError extends Error {
  override readonly name = 'SecretFormatError';
}
