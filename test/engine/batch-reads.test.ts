import { describe, expect, it } from 'vitest';
import { createBatchReads } from '../../src/engine/batch-reads.js';

describe('batch reads', () => {
  it('loads each key once and shares the value, even with the first load still under way', async () => {
    const reads = createBatchReads();
    let loads = 0;
    const load = async () => {
      loads += 1;
      await Promise.resolve();
      return { value: loads };
    };
    const [a, b] = await Promise.all([reads.once('contact', load), reads.once('contact', load)]);
    const c = await reads.once('contact', load);
    expect(loads).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
  });

  it('keeps keys apart, and a fresh set of reads loads again', async () => {
    const reads = createBatchReads();
    expect(await reads.once('a', async () => 1)).toBe(1);
    expect(await reads.once('b', async () => 2)).toBe(2);
    expect(await reads.once('a', async () => 3)).toBe(1);
    expect(await createBatchReads().once('a', async () => 4)).toBe(4);
  });
});
