import { describe, expect, it } from 'vitest';
import { SlidingWindow } from '../../src/outbox/sliding-window.js';

describe('sliding window', () => {
  it('never lets more than the limit go in any one second, even after a quiet spell', () => {
    let now = 0;
    const window = SlidingWindow.forRate(3, () => now);
    const at = Array.from({ length: 7 }, () => now + window.take());
    expect(at).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    expect(window.available(0)).toBe(0);
    now = 3000;
    expect(window.available(0)).toBe(3);
    expect(window.waitMs()).toBe(0);
  });

  it('stretches the window for rates under one a second', () => {
    let now = 0;
    const window = SlidingWindow.forRate(0.5, () => now);
    expect(window.take()).toBe(0);
    expect(window.take()).toBe(2000);
    now = 1000;
    expect(window.waitMs()).toBe(3000);
  });
});
