import { describe, expect, it } from 'vitest';
import { hashNik } from '../../../src/domain/nik/hash-nik.js';

const NIK = '3604011203850001';
const SECRET = 'rahasia-uji';

describe('hashNik', () => {
  it('is HMAC-SHA256 in hex (vector computed with openssl dgst -sha256 -hmac)', () => {
    expect(hashNik(NIK, SECRET)).toBe('54a250d311607889f8bf32b3bf4de7e21b004dfb535c71fcf09e8a5d4996cd12');
  });

  it('is stable for the same NIK and secret', () => {
    expect(hashNik(NIK, SECRET)).toBe(hashNik(NIK, SECRET));
  });

  it('ignores separators, so a NIK typed in groups counts as the same NIK', () => {
    expect(hashNik('3604 0112-0385.0001', SECRET)).toBe(hashNik(NIK, SECRET));
  });

  it('differs for another NIK and for another secret', () => {
    expect(hashNik('3604011203850002', SECRET)).not.toBe(hashNik(NIK, SECRET));
    expect(hashNik(NIK, 'another-secret')).not.toBe(hashNik(NIK, SECRET));
  });

  it('does not contain the NIK', () => {
    const hash = hashNik(NIK, SECRET);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(NIK);
  });

  it('refuses an empty secret, which would make the hash reversible by brute force', () => {
    expect(() => hashNik(NIK, '')).toThrow();
  });
});
