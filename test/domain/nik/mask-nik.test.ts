import { describe, expect, it } from 'vitest';
import { maskNik } from '../../../src/domain/nik/mask-nik.js';

describe('maskNik', () => {
  it('shows only the first 4 and last 2 digits', () => {
    expect(maskNik('3604011203850001')).toBe('3604**********01');
  });

  it('keeps the 16-character width', () => {
    expect(maskNik('3173054509920123')).toHaveLength(16);
    expect(maskNik('3173054509920123')).toBe('3173**********23');
  });

  it('masks a NIK written with separators the same way', () => {
    expect(maskNik(' 3604 0112-0385.0001 ')).toBe('3604**********01');
  });

  it.each(['360401120385001', '36040112038500012', '3604O11203850001', '', 'abcd'])(
    'masks %j completely, since it is not a NIK',
    (input) => {
      expect(maskNik(input)).toBe('****************');
    },
  );

  it('never lets the middle digits through', () => {
    const masked = maskNik('3604011203850001');
    expect(masked).not.toContain('0112');
    expect(masked).not.toContain('0385');
    expect(masked.replace(/\*/g, '')).toBe('360401');
  });
});
