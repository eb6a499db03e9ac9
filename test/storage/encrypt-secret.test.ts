import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from '../../src/storage/encrypt-secret.js';

const KEY = randomBytes(32);
const SECRET = '{"noiseKey":{"private":"c2VjcmV0"}}';

describe('encryptSecret / decryptSecret (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time and a versioned format', () => {
    const first = encryptSecret(SECRET, KEY, 'row-a');
    const second = encryptSecret(SECRET, KEY, 'row-a');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(first).not.toContain('c2VjcmV0');
    expect(decryptSecret(first, KEY, 'row-a')).toBe(SECRET);
    expect(decryptSecret(second, KEY, 'row-a')).toBe(SECRET);
  });

  it('refuses another key, another row, altered bytes and unknown formats', () => {
    const sealed = encryptSecret(SECRET, KEY, 'row-a');
    expect(() => decryptSecret(sealed, randomBytes(32), 'row-a')).toThrow(/does not open/);
    expect(() => decryptSecret(sealed, KEY, 'row-b')).toThrow(/does not open/);
    const [version, iv, tag, body] = sealed.split(':') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64');
    flipped[0]! ^= 1;
    expect(() => decryptSecret([version, iv, tag, flipped.toString('base64')].join(':'), KEY, 'row-a')).toThrow(/does not open/);
    expect(() => decryptSecret([version, iv, 'AAAA', body].join(':'), KEY, 'row-a')).toThrow(/does not open/);
    expect(() => decryptSecret(['v9', iv, tag, body].join(':'), KEY, 'row-a')).toThrow(/unknown sealed-secret format/);
    expect(() => decryptSecret(SECRET, KEY, 'row-a')).toThrow(/unknown sealed-secret format/);
  });
});
