import type { Distribution } from './analysis/percentiles.js';
import type { ProfileSummary } from './analysis/cpu-profile-summary.js';
import type { CpuBreakdown } from './machine/cpu-accounting.js';
import type { StatementStat } from './server/sql-statistics.js';

/** One wrk run against one server instance. */
export interface PhaseResult {
  name: string;
  durationSeconds: number;
  connections: number;
  /** Paced runs: the messages/s asked for. Unpaced runs: undefined (as fast as acks come back). */
  targetRate: number | undefined;
  /** Updates answered 2xx (stored durably) per second. */
  acked: number;
  ackedPerSecond: number;
  /** Answered non-2xx, or lost to socket errors/timeouts (wrk's counts). */
  rejected: number;
  wrkErrors: number;
  /** wrk sent the POST → the server's answer was ready (it answers once the message is stored). */
  ackP50Ms: number;
  ackP99Ms: number;
  /** Replies arriving at the stand-in per second while the load ran (first seconds of filling skipped). */
  repliesPerSecond: number;
  /** repliesPerSecond divided by the replies one message gets on average: inbound messages answered per second. */
  messagesPerSecond: number;
  /** Acked messages not yet answered when the load stopped. */
  backlogAtEnd: number;
  /** Seconds after the load stopped until every acked message was answered; undefined if it was not within --max-drain. */
  drainSeconds: number | undefined;
  /** Webhook POST → first reply at the stand-in, and → last reply of that message. */
  latencyFirstReply: Distribution | undefined;
  latencyLastReply: Distribution | undefined;
  unanswered: number;
  cpu: CpuBreakdown;
  serverEventLoopUtilization: number;
  serverMemoryMb: number;
}

export interface StatementPerMessage extends StatementStat {
  perMessage: number;
  avgMs: number;
}

export interface ProfileResult {
  messagesProcessed: number;
  statementsPerMessage: number;
  transactionsPerMessage: number;
  /** PGlite: average time one transaction held the single connection, ms. */
  avgTransactionHoldMs: number | undefined;
  statements: StatementPerMessage[];
  cpu: ProfileSummary;
  profileFile: string;
}

export interface BackendResult {
  backend: 'pglite' | 'postgres';
  channel: 'telegram' | 'whatsapp-cloud';
  details: Record<string, string>;
  /** Replies each step of the cycle produced, and its unloaded latency (ms, second round). */
  calibration: Array<{ step: string; replies: number; unloadedMs: number; unloadedAckMs: number }>;
  phases: PhaseResult[];
  chats: number;
  mismatchedChats: number;
  restartedForLatency: boolean;
  /** Chats the measured runs talked to. */
  loadChats: number;
  log: { lines: number; personalDataHits: number; errorMessages: Record<string, number> };
  profile?: ProfileResult;
}

export interface CeilingResult {
  requestsPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  errors: number;
  cpu: CpuBreakdown;
}

export interface BenchResults {
  startedAt: string;
  machine: { cores: number; model: string; node: string; loadAverageAtStart: number[]; memoryGb: number };
  settings: Record<string, string | number>;
  ceiling?: CeilingResult;
  backends: BackendResult[];
}
