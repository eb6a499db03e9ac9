/**
 * `npx tsx bench/scale-out/two-processes.ts`: the same paced load (light path, Telegram
 * webhooks, outbox rate limits lifted) through 1 and then 2 server processes on one PostgreSQL
 * database, as a load balancer would spread it: every chat's messages alternate between the
 * processes. Prints replies/s and CPU per message (Node, all processes; PostgreSQL) for each,
 * and checks that nothing was answered twice and that each chat's replies came out in order.
 * See bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { telegramBench } from '../channels/bench-channels.js';
import { readDemoRecipients } from '../conversation/bench-conversation.js';
import { LIGHT_CYCLE } from '../conversation/light-conversation.js';
import { cpuBreakdown, cpuSnapshot, type CpuBreakdown } from '../machine/cpu-accounting.js';
import { createScratchDatabase } from '../machine/scratch-database.js';
import { ServerProcess } from '../server/server-process.js';
import { startBotApiStandIn } from '../stand-in/bot-api-stand-in.js';
import { ReplyLog } from '../stand-in/reply-log.js';
import { runWrk, type WrkSummary } from '../wrk/run-wrk.js';
import { checkOrderAndDuplicates, type ScaleOutCheck } from './check-order.js';
import { runBench, type Cleanups } from '../bench-process.js';

const USAGE = `npx tsx bench/scale-out/two-processes.ts [options]

  --rate N           messages/s offered, over both wrk processes (default 150)
  --duration SECONDS the measured run (default 10)
  --chats N          distinct chats (default 100: each writes every ~0.7 s, so order matters)
  --connections N    wrk connections in all (default 20)
  --processes LIST   e.g. 1,2 (default) or 2
  --keep             keep the work directory (server logs, Lua scripts)

Environment: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres).`;

const UPDATE_BASE = 1_000_000;
const WARMUP_OFFSET = 50_000_000;
const cleanups: Cleanups = [];

interface ConfigurationResult {
  processes: number;
  acked: number;
  repliesPerSecond: number;
  nodeUsPerMessage: number;
  postgresUsPerMessage: number;
  cpu: CpuBreakdown;
  drained: boolean;
  check: ScaleOutCheck;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rate: { type: 'string', default: '150' },
      duration: { type: 'string', default: '10' },
      chats: { type: 'string', default: '100' },
      connections: { type: 'string', default: '20' },
      processes: { type: 'string', default: '1,2' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const rate = Number(values.rate);
  const duration = Number(values.duration);
  const chats = Number(values.chats);
  const connections = Math.max(2, Number(values.connections));
  const counts = values.processes.split(',').map(Number);
  if (![rate, duration, chats, connections].every((value) => Number.isFinite(value) && value > 0)) throw new Error('--rate, --duration, --chats and --connections must be positive numbers');
  if (!counts.every((count) => count === 1 || count === 2)) throw new Error('--processes: 1, 2 or 1,2');
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const workDir = mkdtempSync(join(tmpdir(), 'kpm-scale-out-'));
  if (!values.keep) cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));
  const replies = new ReplyLog();
  const botApi = await startBotApiStandIn(replies);
  cleanups.push(() => botApi.close());
  log(`work dir ${workDir}`);

  const results: ConfigurationResult[] = [];
  for (const [index, processes] of counts.entries()) {
    const chatBase = 300_000_000 + index * 10_000_000;
    const scratch = await createScratchDatabase(databaseUrl);
    cleanups.push(() => scratch.drop().catch(() => {}));
    const servers: ServerProcess[] = [];
    try {
      // One after the other: the first migrates and seeds, the second finds it done.
      for (let n = 0; n < processes; n += 1) {
        log(`${processes} process(es): starting server ${n + 1}`);
        const server = await ServerProcess.start({
          env: { BENCH_MODE: 'app', ...telegramBench.serverEnv, BENCH_TELEGRAM_API_ROOT: botApi.apiRoot, BENCH_GRAPH_API_BASE: 'http://127.0.0.1:9/unused', DATABASE_URL: scratch.url, LOG_LEVEL: 'warn' },
          logFile: join(workDir, `server-${processes}p-${n + 1}.log`),
        });
        servers.push(server);
        cleanups.push(() => server.stop(3_000));
      }
      const targets = [servers[0]!, servers[servers.length - 1]!];
      log(`${processes} process(es): warm-up, 3 s at ${Math.round(rate / 2)} msg/s`);
      await paced({ targets, rate: rate / 2, seconds: 3, offset: WARMUP_OFFSET, chats: 200, chatBase: chatBase + 5_000_000, connections, workDir, name: `${processes}p-warmup` });
      log(`${processes} process(es): ${duration} s at ${rate} msg/s over ${chats} chats`);
      const before = cpuSnapshot();
      const repliesBefore = replies.size;
      const run = paced({ targets, rate, seconds: duration, offset: 0, chats, chatBase, connections, workDir, name: `${processes}p` });
      let after = before;
      let backendPids: number[] = [];
      const windowClosed = sleep(Math.max(500, duration * 1000 - 300)).then(async () => {
        after = cpuSnapshot();
        backendPids = await scratch.backendPids().catch(() => []);
      });
      const summaries = await run;
      await windowClosed;
      const cpu = cpuBreakdown(before, after, { 'servers (node)': servers.map((server) => server.pid), 'postgres (bench db)': backendPids, 'driver + stand-in': [process.pid] });
      const windowReplies = replies.countBetween(before.at, after.at);
      const acked = summaries.reduce((sum, each) => sum + each.requests - each.statusErrors, 0);
      const drained = await drain(replies, repliesBefore, acked);
      // Give a duplicate the chance to show up before counting.
      await sleep(1_000);
      const check = await checkOrderAndDuplicates({ url: scratch.url, replies, chatBase, chats, updateBase: UPDATE_BASE, cycle: LIGHT_CYCLE });
      const perMessage = (cores: number | undefined) => ((cores ?? 0) * cpu.seconds * 1e6) / Math.max(1, windowReplies);
      results.push({
        processes,
        acked,
        repliesPerSecond: windowReplies / cpu.seconds,
        nodeUsPerMessage: perMessage(cpu.groups['servers (node)']),
        postgresUsPerMessage: perMessage(cpu.groups['postgres (bench db)']),
        cpu,
        drained,
        check,
      });
      log(`${processes} process(es): ${acked} acked, ${check.replies} replies, ${check.duplicates} duplicated, ${check.outOfOrderChats} chats out of order`);
    } finally {
      for (const server of servers) await server.stop(5_000);
      await scratch.drop().catch(() => {});
    }
  }
  console.log(format(results, { rate, duration, chats, connections }));
}

/** Two wrk processes, each sending every other message of the sequence: a chat's messages alternate between them. */
async function paced(args: { targets: ServerProcess[]; rate: number; seconds: number; offset: number; chats: number; chatBase: number; connections: number; workDir: string; name: string }): Promise<WrkSummary[]> {
  const recipients = readDemoRecipients().slice(0, LIGHT_CYCLE.length);
  const perWrkConnections = Math.max(1, Math.floor(args.connections / 2));
  const runs = args.targets.map((target, half) => {
    const script = telegramBench.lua({
      offset: args.offset + half,
      origin: args.offset,
      chats: args.chats,
      chatBase: args.chatBase,
      updateBase: UPDATE_BASE,
      recipients,
      // The sequence's stride: this wrk (one thread) takes every second number.
      threads: 2,
      delayMs: (perWrkConnections * 1000) / (args.rate / 2),
      cycle: LIGHT_CYCLE,
    });
    return runWrk({ url: `http://127.0.0.1:${target.port}/webhooks/telegram`, script, workDir: args.workDir, name: `${args.name}-${half}`, threads: 1, connections: perWrkConnections, durationSeconds: args.seconds });
  });
  return Promise.all(runs.map((run) => run.done));
}

/** Waits until `expected` replies arrived since `from` (one per light-path message), at most 20 s without progress. */
async function drain(replies: ReplyLog, from: number, expected: number): Promise<boolean> {
  let last = replies.size;
  let progressAt = Date.now();
  while (Date.now() - progressAt < 20_000) {
    if (replies.size - from >= expected) return true;
    if (replies.size !== last) {
      last = replies.size;
      progressAt = Date.now();
    }
    await sleep(100);
  }
  return false;
}

function format(results: ConfigurationResult[], run: { rate: number; duration: number; chats: number; connections: number }): string {
  const lines = [
    '',
    `Scale-out on one PostgreSQL: light path, ${run.rate} msg/s offered for ${run.duration} s over ${run.chats} chats (each chat's messages alternate between the two wrk processes), wrk ${run.connections} connections in all`,
    `  ${'processes'.padEnd(10)} ${'stored'.padStart(7)} ${'replies/s'.padStart(10)} ${'node µs/msg'.padStart(12)} ${'pg µs/msg'.padStart(10)} ${'node cores'.padStart(11)} ${'others'.padStart(7)}  correctness`,
  ];
  for (const result of results) {
    const check = result.check;
    const verdict =
      check.duplicates === 0 && check.outOfOrderChats === 0 && check.unanswered === 0 && check.processedTwice === 0
        ? `ok: ${check.replies} replies to ${check.inbound} messages in ${check.chats} chats, none twice, every chat in order`
        : `${check.duplicates} duplicated sends, ${check.processedTwice} messages answered more than once, ${check.unanswered} unanswered, ${check.outOfOrderChats} chats out of order${check.example ? ` (e.g. ${check.example})` : ''}`;
    lines.push(
      `  ${String(result.processes).padEnd(10)} ${String(check.inbound).padStart(7)} ${result.repliesPerSecond.toFixed(0).padStart(10)} ${result.nodeUsPerMessage.toFixed(0).padStart(12)} ${result.postgresUsPerMessage.toFixed(0).padStart(10)} ${(result.cpu.groups['servers (node)'] ?? 0).toFixed(2).padStart(11)} ${result.cpu.otherCores.toFixed(2).padStart(7)}  ${verdict}${result.drained ? '' : ' — NOT DRAINED'}`,
    );
  }
  lines.push('  µs/msg: CPU over the run per message answered in it; others: cores other work on this shared machine used meanwhile');
  return lines.join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function log(message: string): void {
  console.error(`[scale-out ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

runBench(main, cleanups);
