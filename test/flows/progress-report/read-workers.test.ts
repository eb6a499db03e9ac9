import { describe, expect, it } from 'vitest';
import { readWorkers } from '../../../flows/progress-report/read-workers.js';

describe('readWorkers', () => {
  it.each([
    ['2 keluarga 1 dibayar', { kind: 'counted', family: 2, paid: 1 }],
    ['2 keluarga, 1 dibayar', { kind: 'counted', family: 2, paid: 1 }],
    ['1 karyawan', { kind: 'counted', family: 0, paid: 1 }],
    ['istri 1 anak 2', { kind: 'counted', family: 3, paid: 0 }],
    ['dua orang keluarga', { kind: 'counted', family: 2, paid: 0 }],
    ['0', { kind: 'counted', family: 0, paid: 0 }],
    ['sendiri', { kind: 'counted', family: 0, paid: 0 }],
    ['tidak ada', { kind: 'counted', family: 0, paid: 0 }],
    ['3', { kind: 'unplaced', count: 3 }],
    ['3 orang', { kind: 'unplaced', count: 3 }],
    ['banyak', { kind: 'unreadable' }],
    ['2 3', { kind: 'unreadable' }],
  ] as const)('%s', (text, expected) => {
    expect(readWorkers(text)).toEqual(expected);
  });
});
