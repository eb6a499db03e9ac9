import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pairReplies, type PairingResult } from './analysis/pair-replies.js';
import { distribution, type Distribution } from './analysis/percentiles.js';
import { wallClockMs } from './clock.js';
import { BENCH_CYCLE, stepText, type ConversationStep, type DemoRecipient } from './conversation/bench-conversation.js';
import { cpuBreakdown, cpuSnapshot, type CpuBreakdown } from './machine/cpu-accounting.js';
import { createScratchDatabase, type ScratchDatabase } from './machine/scratch-database.js';
import type { Backend, BenchOptions } from './options.js';
import type { PhaseResult } from './results.js';
import type { ServerDump } from './server/protocol.js';
import { ServerProcess } from './server/server-process.js';
import type { BenchChannel } from './channels/bench-channels.js';
import type { ReplyLog } from './stand-in/reply-log.js';
import { runWrk, type WrkSummary } from './wrk/run-wrk.js';

/** Where the server child finds the platform API stand-ins. */
export interface StandIns {
  replies: ReplyLog;
  telegramApiRoot: string;
  graphApiBase: string;
}

/** A phase as run, before latencies are paired (that needs every phase's replies). */
export interface PhaseRun {
  name: string;
  fromSeq: number;
  toSeq: number;
  startedAt: number;
  endedAt: number;
  targetRate: number | undefined;
  connections: number;
  wrk: WrkSummary;
  /** Sent by wrk → answer ready at the server (the webhook's ack), from the server's notes. */
  ack: Distribution | undefined;
  acked: number;
  rejected: number;
  repliesPerSecond: number;
  backlogAtEnd: number;
  drainSeconds: number | undefined;
  cpu: CpuBreakdown;
  /** Replies that arrived within the CPU window (for CPU per reply over the same seconds). */
  cpuWindowReplies: number;
  dump: ServerDump;
}

/**
 * One server child with its own fresh database, the chats it serves (a range of chat ids no
 * other instance uses, so replies at the shared stand-in never mix), and the phases run on it.
 */
export class BenchInstance {
  readonly phases: PhaseRun[] = [];
  /** Replies per step of the cycle for combination 0 (shown in the report). */
  repliesPerStep: number[] = [];
  /** Per combination (recipient + starting step): replies in the first, partial round, and per step after it. */
  private calibrated: Array<{ firstRound: number[]; steady: number[] }> = [];
  /** Replies the calibration chats got in all. */
  private calibrationReplies = 0;
  /** Combination 0's second round, one message at a time: POST → first reply, and POST → ack. */
  unloadedMs: number[] = [];
  unloadedAckMs: number[] = [];
  private nextSeq = 0;
  /**
   * Which chats the sequence numbers from `fromSeq` on go to: message m = seq − fromSeq is for chat
   * chatBase + (m mod chats). The warm-up talks to chats of its own; the measured runs to
   * `useChats(...)`'s, chosen after the warm-up.
   */
  private segments: Array<{ fromSeq: number; chats: number; chatBase: number }> = [];
  private readonly repliesAtStart: number;

  private constructor(
    readonly backend: Backend,
    readonly channel: BenchChannel,
    readonly server: ServerProcess,
    readonly logFile: string,
    private readonly scratch: ScratchDatabase | undefined,
    private readonly dataDir: string | undefined,
    readonly chatBase: number,
    private readonly options: BenchOptions,
    private readonly replies: ReplyLog,
    private readonly recipients: DemoRecipient[],
    private readonly workDir: string,
    readonly cycle: readonly ConversationStep[],
  ) {
    this.repliesAtStart = replies.size;
  }

  static async start(args: {
    backend: Backend;
    channel: BenchChannel;
    index: number;
    options: BenchOptions;
    standIns: StandIns;
    recipients: DemoRecipient[];
    workDir: string;
    sqlStatistics: boolean;
    /** What the chats say in turn (default the full conversation, BENCH_CYCLE). */
    cycle?: readonly ConversationStep[];
    /** 'peer': the stateless peer (bench/peer) instead of the app; it has no database. */
    target?: 'app' | 'peer';
  }): Promise<BenchInstance> {
    const { backend, options, workDir } = args;
    const peer = args.target === 'peer';
    const logFile = join(workDir, `server-${peer ? 'peer' : backend}-${args.channel.name}-${args.index}.log`);
    let scratch: ScratchDatabase | undefined;
    let dataDir: string | undefined;
    const env: Record<string, string> = {
      BENCH_MODE: peer ? 'peer' : 'app',
      ...args.channel.serverEnv,
      BENCH_TELEGRAM_API_ROOT: args.standIns.telegramApiRoot,
      BENCH_GRAPH_API_BASE: args.standIns.graphApiBase,
      LOG_LEVEL: options.logLevel,
      ...(args.sqlStatistics ? { BENCH_SQL_STATS: '1' } : {}),
      ...(options.experiments.length > 0 ? { BENCH_EXPERIMENTS: options.experiments.join(',') } : {}),
    };
    if (peer) {
      // Nothing durable: no database at all.
    } else if (backend === 'postgres') {
      scratch = await createScratchDatabase(options.databaseUrl);
      env.DATABASE_URL = scratch.url;
      if (options.poolSize !== undefined) env.DATABASE_POOL_SIZE = String(options.poolSize);
    } else {
      dataDir = mkdtempSync(join(workDir, 'pglite-'));
      env.DATA_DIR = dataDir;
    }
    try {
      const server = await ServerProcess.start({ env, logFile });
      const chatBase = 100_000_000 + args.index * 10_000_000;
      return new BenchInstance(backend, args.channel, server, logFile, scratch, dataDir, chatBase, options, args.standIns.replies, args.recipients, workDir, args.cycle ?? BENCH_CYCLE);
    } catch (error) {
      await scratch?.drop().catch(() => {});
      throw error;
    }
  }

  get scratchName(): string | undefined {
    return this.scratch?.name;
  }

  private get url(): string {
    return `http://127.0.0.1:${this.server.port}${this.channel.webhookPath}`;
  }

  /** From the next run on, talk to `chats` chats numbered from `offset` (within this instance's range). */
  useChats(chats: number, offset: number): void {
    this.segments.push({ fromSeq: this.nextSeq, chats, chatBase: this.chatBase + offset });
  }

  /** How many chats the current runs talk to. */
  get chats(): number {
    return this.segments.at(-1)?.chats ?? 0;
  }

  private segmentOf(seq: number): { fromSeq: number; chats: number; chatBase: number } {
    for (let index = this.segments.length - 1; index >= 0; index -= 1) if (this.segments[index]!.fromSeq <= seq) return this.segments[index]!;
    throw new Error(`no chats set for message ${seq}`);
  }

  private chatOf(seq: number): string {
    const segment = this.segmentOf(seq);
    return this.channel.chatKey(segment.chatBase + ((seq - segment.fromSeq) % segment.chats));
  }

  /**
   * Where message `seq` falls in its chat's conversation. Chat c (of its segment) talks as demo
   * recipient c mod R and starts the cycle at step c mod cycle length (R is a multiple of the cycle
   * length, so c mod R fixes both: one of R calibrated combinations). Starting at different
   * steps puts every step in the mix from the first second, however few messages a run gets to;
   * from its first wrap on, a chat repeats the whole cycle.
   */
  messageOf(seq: number): { combination: number; k: number; firstRound: boolean; step: number } {
    const length = this.cycle.length;
    const segment = this.segmentOf(seq);
    const chat = (seq - segment.fromSeq) % segment.chats;
    const combination = chat % this.recipients.length;
    const start = chat % length;
    const k = Math.floor((seq - segment.fromSeq) / segment.chats);
    return { combination, k, firstRound: start + k < length, step: (start + k) % length };
  }

  /** Replies message `seq` gets, as the calibration conversations counted them. */
  repliesOf(seq: number): number {
    const { combination, k, firstRound, step } = this.messageOf(seq);
    const calibrated = this.calibrated[combination];
    return (firstRound ? calibrated?.firstRound[k] : calibrated?.steady[step]) ?? 1;
  }

  /** Replies that arrived for this instance's chats so far. */
  private repliesSoFar(): number {
    return this.replies.size - this.repliesAtStart;
  }

  /**
   * Before any load: proves the whole path works and counts the replies each message gets,
   * which the latency pairing needs (how many depends on the step, on the state the chat is in
   * and on the recipient's data: a long status is split on WhatsApp). First combination 0 alone,
   * one message at a time, two full rounds: each step's latency with no other load. Then every
   * other combination side by side, each in a chat of its own: its first, partial round and one
   * full round after it.
   */
  async calibrate(): Promise<void> {
    const length = this.cycle.length;
    if (this.recipients.length % length !== 0) throw new Error(`the bench needs a multiple of ${length} demo recipients, not ${this.recipients.length}`);
    const alone = await this.converse(0, [...range(0, length), ...range(0, length)], true);
    const [first, second] = [alone.replies.slice(0, length), alone.replies.slice(length)];
    if (second.some((count) => count === 0)) throw new Error(`calibration: a step got no reply (replies per step: ${second.join(', ')}); see ${this.logFile}`);
    if (first.join() !== second.join()) throw new Error(`calibration: two rounds differ (${first.join(', ')} vs ${second.join(', ')})`);
    this.repliesPerStep = second;
    this.unloadedMs = alone.ms.slice(length);
    this.unloadedAckMs = alone.acks.slice(length);
    this.calibrated = [{ firstRound: first, steady: second }];
    const others = await Promise.all(
      range(1, this.recipients.length).map((combination) => {
        const start = combination % length;
        return this.converse(combination, [...range(start, length), ...range(0, length)], false);
      }),
    );
    for (const [index, other] of others.entries()) {
      const combination = index + 1;
      const partial = length - (combination % length);
      if (other.replies.some((count) => count === 0)) throw new Error(`calibration: a message got no reply (combination ${combination}: ${other.replies.join(', ')}); see ${this.logFile}`);
      this.calibrated[combination] = { firstRound: other.replies.slice(0, partial), steady: other.replies.slice(partial) };
    }
    this.calibrationReplies = [alone, ...others].reduce((sum, each) => sum + each.replies.reduce((a, b) => a + b, 0), 0);
  }

  /** One calibration chat (its own chat id) sending `steps` one at a time. */
  private async converse(combination: number, steps: number[], measure: boolean): Promise<{ replies: number[]; ms: number[]; acks: number[] }> {
    // Calibration chats sit below every load chat of this instance (offsets 0–999).
    const chatNumber = this.chatBase + combination;
    const chat = this.channel.chatKey(chatNumber);
    const recipient = this.recipients[combination]!;
    const replies: number[] = [];
    const ms: number[] = [];
    const acks: number[] = [];
    for (const [index, step] of steps.entries()) {
      const before = this.replies.countFor(chat);
      const sentAt = wallClockMs();
      const request = this.channel.request(chatNumber, 900_000_000 + combination * 1_000 + index, stepText(this.cycle[step]!, recipient));
      const response = await fetch(this.url, { method: 'POST', headers: request.headers, body: request.body });
      const ackAt = wallClockMs();
      if (response.status !== 200) throw new Error(`calibration: webhook answered ${response.status}; see ${this.logFile}`);
      const { count, firstAt } = await this.settleReplies(chat, before);
      replies.push(count - before);
      ms.push(measure && firstAt !== undefined ? firstAt - sentAt : Number.NaN);
      acks.push(measure ? ackAt - sentAt : Number.NaN);
    }
    return { replies, ms, acks };
  }

  /** Waits until a chat's replies stop coming (250 ms without a new one after the first). */
  private async settleReplies(chat: string, before: number): Promise<{ count: number; firstAt: number | undefined }> {
    const deadline = Date.now() + 15_000;
    let count = before;
    let changedAt = Date.now();
    let firstAt: number | undefined;
    while (Date.now() < deadline) {
      await sleep(2);
      const now = this.replies.countFor(chat);
      if (now !== count) {
        // The first reply's own time: it may have been followed by more before we looked.
        if (count === before) firstAt = now === before + 1 ? this.replies.lastFor(chat) : this.firstReplyAfter(chat, before);
        count = now;
        changedAt = Date.now();
      }
      if (count > before && Date.now() - changedAt > 250) break;
    }
    return { count, firstAt };
  }

  /** Arrival time of the chat's reply number `index` (0-based), searching from the end. */
  private firstReplyAfter(chat: string, index: number): number | undefined {
    const { chats, times } = this.replies;
    let seen = this.replies.countFor(chat);
    for (let position = chats.length - 1; position >= 0; position -= 1) {
      if (chats[position] !== chat) continue;
      seen -= 1;
      if (seen === index) return times[position];
    }
    return undefined;
  }

  /** One wrk run; `rate` paces it (messages/s over all connections), otherwise as fast as acks allow. */
  async load(name: string, durationSeconds: number, rate: number | undefined): Promise<PhaseRun> {
    const fromSeq = this.nextSeq;
    // Paced: about 50 ms between one connection's requests, so low rates are not bursts of --connections at once.
    const connections = rate === undefined ? this.options.connections : Math.max(1, Math.min(this.options.connections, Math.round(rate / 20)));
    await this.server.command({ type: 'mark' }, 'marked');
    const script = this.channel.lua({
      offset: fromSeq,
      origin: this.segmentOf(fromSeq).fromSeq,
      chats: this.segmentOf(fromSeq).chats,
      chatBase: this.segmentOf(fromSeq).chatBase,
      updateBase: 1_000_000,
      recipients: this.recipients,
      threads: this.options.threads,
      cycle: this.cycle,
      ...(rate !== undefined ? { delayMs: (connections * 1000) / rate } : {}),
    });
    const before = cpuSnapshot();
    const startedAt = wallClockMs();
    const wrk = runWrk({ url: this.url, script, workDir: this.workDir, name: `${this.backend}-${this.channel.name}-${name}`, threads: this.options.threads, connections, durationSeconds });
    // The CPU window closes just before wrk ends, so wrk itself is still there to be measured.
    let after = before;
    let backendPids: number[] = [];
    const windowClosed = sleep(Math.max(500, durationSeconds * 1000 - 300)).then(async () => {
      after = cpuSnapshot();
      backendPids = (await this.scratch?.backendPids().catch(() => [])) ?? [];
    });
    const summary = await wrk.done;
    await windowClosed;
    const endedAt = startedAt + summary.durationUs / 1000;
    const cpu = cpuBreakdown(before, after, { 'server (node)': [this.server.pid], 'postgres (bench db)': backendPids, wrk: [wrk.pid], 'driver + stand-in': [process.pid] });
    const repliesAtEnd = this.repliesSoFar();
    // In-flight requests finish and are noted before the dump.
    await sleep(1_000);
    const dump = await this.server.dump(join(this.workDir, `dump-${this.backend}-${this.channel.name}-${name}.json`));
    let maxSeq = fromSeq - 1;
    let acked = 0;
    let rejected = 0;
    const ackMs: number[] = [];
    for (let index = 0; index < dump.arrivals.seqs.length; index += 1) {
      const seq = dump.arrivals.seqs[index]!;
      if (seq < fromSeq) continue;
      if (seq > maxSeq) maxSeq = seq;
      const status = dump.arrivals.statuses[index]!;
      if (status >= 200 && status < 300) acked += 1;
      else rejected += 1;
      ackMs.push(dump.arrivals.answers[index]! - dump.arrivals.times[index]!);
    }
    this.nextSeq = maxSeq + 1;
    const skip = Math.min(5_000, (endedAt - startedAt) / 4);
    const repliesPerSecond = this.replies.countBetween(startedAt + skip, endedAt) / ((endedAt - startedAt - skip) / 1000);
    const expected = this.expectedReplies(dump);
    const drainStarted = Date.now();
    const drained = await this.drain(expected);
    const phase: PhaseRun = {
      name,
      fromSeq,
      toSeq: this.nextSeq,
      startedAt,
      endedAt,
      targetRate: rate,
      connections,
      wrk: summary,
      ack: distribution(ackMs),
      acked,
      rejected,
      repliesPerSecond,
      backlogAtEnd: Math.max(0, Math.round((expected - repliesAtEnd) / this.averageRepliesPerMessage())),
      drainSeconds: drained ? (Date.now() - drainStarted) / 1000 + 1 : undefined,
      cpu,
      cpuWindowReplies: this.replies.countBetween(before.at, after.at),
      dump,
    };
    this.phases.push(phase);
    return phase;
  }

  /** Replies per message in the steady cycle, averaged over every combination. */
  averageRepliesPerMessage(): number {
    const steady = this.calibrated.flatMap((each) => each.steady);
    return steady.reduce((sum, count) => sum + count, 0) / Math.max(1, steady.length);
  }

  /** Replies every message acknowledged so far should produce (calibration chat included). */
  private expectedReplies(dump: ServerDump): number {
    let expected = this.calibrationReplies;
    for (let index = 0; index < dump.arrivals.seqs.length; index += 1) {
      const status = dump.arrivals.statuses[index]!;
      if (status >= 200 && status < 300) expected += this.repliesOf(dump.arrivals.seqs[index]!);
    }
    return expected;
  }

  /** Waits for the backlog to be answered: true when it was, false after --max-drain or 20 s without progress. */
  private async drain(expected: number): Promise<boolean> {
    const deadline = Date.now() + this.options.maxDrainSeconds * 1000;
    let last = this.repliesSoFar();
    let progressAt = Date.now();
    while (Date.now() < deadline) {
      const now = this.repliesSoFar();
      if (now >= expected) return true;
      if (now !== last) {
        last = now;
        progressAt = Date.now();
      } else if (Date.now() - progressAt > 20_000) {
        return false;
      }
      await sleep(100);
    }
    return false;
  }

  /** Pairs every reply with its message and turns the phases into results. */
  results(): { phases: PhaseResult[]; pairing: PairingResult } {
    const last = this.phases.at(-1);
    const arrivals = last ? last.dump.arrivals : { seqs: [], times: [], arrivals: [], answers: [], statuses: [] };
    const byChat = this.replies.byChat();
    const pairing = pairReplies({
      arrivals,
      repliesByChat: byChat,
      chatKeyOf: (seq) => this.chatOf(seq),
      repliesOf: (seq) => this.repliesOf(seq),
      phaseOf: (seq) => this.phases.find((phase) => seq >= phase.fromSeq && seq < phase.toSeq)?.name,
    });
    const average = this.averageRepliesPerMessage();
    const phases = this.phases.map((phase): PhaseResult => {
      const latencies = pairing.phases.get(phase.name);
      const durationSeconds = (phase.endedAt - phase.startedAt) / 1000;
      return {
        name: phase.name,
        durationSeconds,
        connections: phase.connections,
        targetRate: phase.targetRate,
        acked: phase.acked,
        ackedPerSecond: phase.acked / durationSeconds,
        rejected: phase.rejected,
        wrkErrors: phase.wrk.connectErrors + phase.wrk.readErrors + phase.wrk.writeErrors + phase.wrk.timeouts,
        ackP50Ms: phase.ack?.p50 ?? Number.NaN,
        ackP99Ms: phase.ack?.p99 ?? Number.NaN,
        repliesPerSecond: phase.repliesPerSecond,
        messagesPerSecond: phase.repliesPerSecond / average,
        backlogAtEnd: phase.backlogAtEnd,
        drainSeconds: phase.drainSeconds,
        latencyFirstReply: distribution(latencies?.firstReply ?? []),
        latencyLastReply: distribution(latencies?.lastReply ?? []),
        unanswered: latencies?.unanswered ?? 0,
        cpu: phase.cpu,
        serverEventLoopUtilization: phase.dump.eventLoopUtilization,
        serverMemoryMb: phase.dump.memoryMb,
      };
    });
    return { phases, pairing };
  }

  /** Counts log lines, error messages, and any demo NIK or name that reached the log. */
  checkLog(): { lines: number; personalDataHits: number; errorMessages: Record<string, number> } {
    const text = readFileSync(this.logFile, 'utf8');
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    let personalDataHits = 0;
    for (const recipient of this.recipients) {
      for (const secret of [recipient.nik, recipient.name]) personalDataHits += text.split(secret).length - 1;
    }
    const errorMessages: Record<string, number> = {};
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) >= 40) errorMessages[entry.msg ?? '?'] = (errorMessages[entry.msg ?? '?'] ?? 0) + 1;
      } catch {
        errorMessages[line.slice(0, 120)] = (errorMessages[line.slice(0, 120)] ?? 0) + 1;
      }
    }
    return { lines: lines.length, personalDataHits, errorMessages };
  }

  private stopped = false;

  /** Stops the server (killed after `timeoutMs`: a backlog need not be worked off) and drops its database. */
  async stop(timeoutMs?: number): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.server.stop(timeoutMs);
    await this.scratch?.drop();
    if (this.dataDir && !this.options.keepWorkDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index);
}
