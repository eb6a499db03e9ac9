/**
 * Wall-clock milliseconds with sub-millisecond resolution. Every bench process (driver, stand-in,
 * server child) takes its timestamps from this, so times from different processes on the same
 * machine can be subtracted from each other.
 */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}
