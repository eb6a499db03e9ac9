import { describe, expect, it } from 'vitest';
import { verifySecret } from '../../src/server/verify-secret.js';

describe('verifySecret', () => {
  it('accepts the exact secret only', () => {
    expect(verifySecret('abc_DEF-1', 'abc_DEF-1')).toBe(true);
    expect(verifySecret('abc_DEF-1', 'abc_def-1')).toBe(false);
    expect(verifySecret('abc_DEF-1', 'abc_DEF-')).toBe(false);
    expect(verifySecret('abc_DEF-1', 'abc_DEF-12')).toBe(false);
    expect(verifySecret('abc_DEF-1', '')).toBe(false);
    expect(verifySecret('abc_DEF-1', undefined)).toBe(false);
  });

  it('checks against the secret asked about, whichever was asked before', () => {
    expect(verifySecret('first', 'first')).toBe(true);
    expect(verifySecret('second', 'first')).toBe(false);
    expect(verifySecret('second', 'second')).toBe(true);
    expect(verifySecret('first', 'second')).toBe(false);
  });
});
