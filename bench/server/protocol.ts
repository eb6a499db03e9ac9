import type { SqlStatistics } from './sql-statistics.js';

/** Driver → server child. */
export type ServerCommand =
  | { type: 'mark' }
  | { type: 'dump'; file: string }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'stop' };

/** Server child → driver. */
export type ServerEvent =
  | { type: 'ready'; port: number }
  | { type: 'marked' }
  | { type: 'dumped' }
  | { type: 'profiling' }
  | { type: 'profiled' }
  | { type: 'failed'; message: string };

/** What 'dump' writes: everything since start (arrivals) or since the last 'mark' (the rest). */
export interface ServerDump {
  /** times: when wrk sent each request; arrivals: when the server's middleware saw it; answers: when its answer was ready. */
  arrivals: { seqs: number[]; times: number[]; arrivals: number[]; answers: number[]; statuses: number[] };
  sql: SqlStatistics;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Share of the window the main thread was busy (1 = saturated). */
  eventLoopUtilization: number;
  memoryMb: number;
}
