/**
 * `npx tsx bench/compare-peer.ts`: the project against a stateless peer (a plain Telegraf bot
 * with an in-memory session on Hono, bench/peer/stateless-peer.ts) under the same wrk load, back
 * to back in one run, for PostgreSQL and PGlite. Light path (`/start`, `menu`, `bantuan`),
 * Telegram webhooks, outbox rate limits lifted. Prints replies/s of each and the ratio, CPU per
 * message for Node and for PostgreSQL, and end-to-end p50/p99 at a paced 200 msg/s on
 * PostgreSQL. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Distribution } from './analysis/percentiles.js';
import { telegramBench } from './channels/bench-channels.js';
import { readDemoRecipients } from './conversation/bench-conversation.js';
import { LIGHT_CYCLE } from './conversation/light-conversation.js';
import { BenchInstance, type PhaseRun, type StandIns } from './instance.js';
import { parseOptions, type Backend, type BenchOptions } from './options.js';
import { startBotApiStandIn } from './stand-in/bot-api-stand-in.js';
import { ReplyLog } from './stand-in/reply-log.js';
import { appVersion, runBench, type Cleanups } from './bench-process.js';
import { summariseProfile } from './analysis/cpu-profile-summary.js';
import { formatProfile } from './report/format-report.js';
import type { ProfileResult } from './results.js';

const USAGE = `npx tsx bench/compare-peer.ts [options]

  --backend pglite|postgres|all   (default all)
  --rounds N                      back-to-back rounds (default 1); the summary gives the median ratio
  --duration SECONDS              each flat-out run (default 10)
  --latency-rate N                paced run on PostgreSQL, messages/s (default 200)
  --latency-duration SECONDS      (default: --duration)
  --warmup SECONDS                paced warm-up of each server (default 3)
  --connections N                 wrk connections (default 50)
  --chats N                       distinct chats (default 1000)
  --json FILE                     also write the figures as JSON
  --keep                          keep the work directory (logs, Lua scripts, dumps)
  --profile                       also count the project's SQL statements per message and take a
                                  CPU profile of its flat-out run (skews its figures a little)

Environment: BENCH_DATABASE_URL, as for npm run bench.`;

interface Side {
  repliesPerSecond: number;
  messagesPerSecond: number;
  ackedPerSecond: number;
  repliesPerMessage: number;
  /** CPU per message answered within the CPU window, in µs. */
  nodeUsPerMessage: number;
  postgresUsPerMessage: number | undefined;
  otherCores: number;
  backlogAtEnd: number;
  errors: number;
}

interface BackendRound {
  backend: Backend;
  peer: Side;
  project: Side;
  latency?: { rate: number; firstReply: Distribution | undefined; unanswered: number; mismatchedChats: number; otherCores: number };
}

const cleanups: Cleanups = [];

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      backend: { type: 'string', default: 'all' },
      rounds: { type: 'string', default: '1' },
      duration: { type: 'string', default: '10' },
      'latency-rate': { type: 'string', default: '200' },
      'latency-duration': { type: 'string' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      chats: { type: 'string', default: '1000' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!['pglite', 'postgres', 'all'].includes(values.backend)) throw new Error(`--backend must be pglite, postgres or all, not ${values.backend}`);
  const number = (name: string, value: string, min: number, max: number) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return parsed;
  };
  const rounds = number('rounds', values.rounds, 1, 20);
  const duration = number('duration', values.duration, 2, 600);
  const latencyRate = number('latency-rate', values['latency-rate'], 1, 100_000);
  const latencyDuration = number('latency-duration', values['latency-duration'] ?? values.duration, 2, 600);
  const warmup = number('warmup', values.warmup, 0, 120);
  const chats = number('chats', values.chats, 10, 1_000_000);
  // The backends the peer is compared on: PostgreSQL first (the production choice).
  const backends: Backend[] = values.backend === 'all' ? ['postgres', 'pglite'] : [values.backend as Backend];
  // BenchInstance's options: the app's defaults, a short drain (the flat-out backlog is not waited for).
  const options: BenchOptions = {
    ...parseOptions([]),
    backends,
    channels: ['telegram'],
    durationSeconds: duration,
    connections: number('connections', values.connections, 1, 1000),
    warmupSeconds: warmup,
    maxDrainSeconds: 3,
    ceiling: false,
    keepWorkDir: values.keep,
    logLevel: 'warn',
  };
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('wrk is not installed: apt-get install -y wrk');
  }
  const workDir = mkdtempSync(join(tmpdir(), 'kpm-compare-'));
  if (!values.keep) cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));
  const replies = new ReplyLog();
  const botApi = await startBotApiStandIn(replies);
  cleanups.push(() => botApi.close());
  const standIns: StandIns = { replies, telegramApiRoot: botApi.apiRoot, graphApiBase: 'http://127.0.0.1:9/unused' };
  // The light path says no NIK or name; three recipients make the cycle's combinations.
  const recipients = readDemoRecipients().slice(0, LIGHT_CYCLE.length);

  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg().map((value) => value.toFixed(2)).join(' ');
  log(`work dir ${workDir}; load average ${loadAtStart}`);
  const results: BackendRound[][] = [];
  let index = 0;
  for (let round = 1; round <= rounds; round += 1) {
    const roundResults: BackendRound[] = [];
    for (const backend of backends) {
      const start = async (target: 'peer' | 'app') => {
        index += 2;
        log(`round ${round}, ${backend}: starting the ${target === 'peer' ? 'stateless peer' : 'project'}`);
        const sqlStatistics = values.profile && target === 'app';
        const instance = await BenchInstance.start({ backend, channel: telegramBench, index, options, standIns, recipients, workDir, sqlStatistics, cycle: LIGHT_CYCLE, target });
        cleanups.push(() => instance.stop(3_000).catch(() => {}));
        await instance.calibrate();
        instance.useChats(200, 5_000_000);
        if (warmup > 0) await instance.load('warm-up', warmup, 100);
        instance.useChats(chats, 1_000);
        return instance;
      };
      const peer = await start('peer');
      const peerRun = await peer.load('throughput', duration, undefined);
      const peerSide = sideOf(peer, peerRun);
      await peer.stop(3_000);
      log(`round ${round}, ${backend}: peer ${peerSide.repliesPerSecond.toFixed(0)} replies/s`);

      const project = await start('app');
      let latency: BackendRound['latency'];
      if (backend === 'postgres') {
        log(`round ${round}, ${backend}: project paced at ${latencyRate} msg/s for ${latencyDuration} s`);
        const paced = await project.load('latency', latencyDuration, latencyRate);
        const { phases, pairing } = project.results();
        const phase = phases.find((each) => each.name === 'latency');
        latency = { rate: latencyRate, firstReply: phase?.latencyFirstReply, unanswered: phase?.unanswered ?? 0, mismatchedChats: pairing.mismatchedChats, otherCores: paced.cpu.otherCores };
      }
      const profileFile = join(workDir, `project-${backend}-${round}.cpuprofile`);
      if (values.profile) await project.server.command({ type: 'profile-start' }, 'profiling');
      const projectRun = await project.load('throughput', duration, undefined);
      if (values.profile) {
        await project.server.command({ type: 'profile-stop', file: profileFile }, 'profiled');
        console.log(formatProfile(profileOf(project, projectRun, profileFile, standIns.replies)).join('\n'));
      }
      const projectSide = sideOf(project, projectRun);
      await project.stop(3_000);
      log(`round ${round}, ${backend}: project ${projectSide.repliesPerSecond.toFixed(0)} replies/s`);
      roundResults.push({ backend, peer: peerSide, project: projectSide, ...(latency && { latency }) });
    }
    results.push(roundResults);
    console.log(formatRound(round, roundResults));
  }
  console.log(formatSummary(results, { startedAt, loadAtStart, duration, connections: options.connections, chats, app: appVersion() }));
  if (values.json) writeFileSync(values.json, JSON.stringify({ startedAt, duration, chats, rounds: results }, null, 2));
}

/** SQL statements per message processed and the CPU profile of a flat-out run (as `npm run bench -- --profile`). */
function profileOf(instance: BenchInstance, run: PhaseRun, profileFile: string, replies: ReplyLog): ProfileResult {
  const { sql } = run.dump;
  const messagesProcessed = replies.countBetween(run.startedAt, run.endedAt + 1_000) / instance.averageRepliesPerMessage();
  const total = sql.statements.reduce((sum, stat) => sum + stat.count, 0);
  return {
    messagesProcessed: Math.round(messagesProcessed),
    statementsPerMessage: total / messagesProcessed,
    transactionsPerMessage: (instance.backend === 'pglite' ? sql.transactions : (sql.statements.find((stat) => stat.sql === 'BEGIN')?.count ?? 0)) / messagesProcessed,
    avgTransactionHoldMs: instance.backend === 'pglite' && sql.transactions > 0 ? sql.transactionMs / sql.transactions : undefined,
    statements: sql.statements.map((stat) => ({ ...stat, perMessage: stat.count / messagesProcessed, avgMs: stat.totalMs / stat.count })),
    cpu: summariseProfile(profileFile, 30),
    profileFile,
  };
}

/** The figures of one flat-out run; CPU over the window the CPU was measured in, per message answered in it. */
function sideOf(instance: BenchInstance, run: PhaseRun): Side {
  const perMessage = instance.averageRepliesPerMessage();
  const messages = run.cpuWindowReplies / perMessage;
  const usPerMessage = (cores: number | undefined) => (cores === undefined || messages === 0 ? Number.NaN : (cores * run.cpu.seconds * 1e6) / messages);
  const durationSeconds = (run.endedAt - run.startedAt) / 1000;
  return {
    repliesPerSecond: run.repliesPerSecond,
    messagesPerSecond: run.repliesPerSecond / perMessage,
    ackedPerSecond: run.acked / durationSeconds,
    repliesPerMessage: perMessage,
    nodeUsPerMessage: usPerMessage(run.cpu.groups['server (node)']),
    postgresUsPerMessage: instance.backend === 'postgres' && instance.scratchName !== undefined ? usPerMessage(run.cpu.groups['postgres (bench db)']) : undefined,
    otherCores: run.cpu.otherCores,
    backlogAtEnd: run.backlogAtEnd,
    errors: run.rejected + run.wrk.connectErrors + run.wrk.readErrors + run.wrk.writeErrors + run.wrk.timeouts,
  };
}

const pad = (text: string, width: number) => text.padStart(width);
const fixed = (value: number | undefined, digits = 0) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));

function formatRound(round: number, rows: BackendRound[]): string {
  const lines = [`\nround ${round}`];
  lines.push(`  ${'backend'.padEnd(9)} ${pad('peer rpl/s', 11)} ${pad('project rpl/s', 14)} ${pad('ratio', 7)} ${pad('peer ack/s', 11)} ${pad('proj ack/s', 11)} ${pad('node µs/msg peer', 17)} ${pad('node µs/msg proj', 17)} ${pad('pg µs/msg proj', 15)} ${pad('proj backlog', 13)} ${pad('others (cores)', 15)}`);
  for (const row of rows) {
    lines.push(
      `  ${row.backend.padEnd(9)} ${pad(fixed(row.peer.repliesPerSecond), 11)} ${pad(fixed(row.project.repliesPerSecond), 14)} ${pad(`${fixed((100 * row.project.repliesPerSecond) / row.peer.repliesPerSecond, 1)} %`, 7)} ${pad(fixed(row.peer.ackedPerSecond), 11)} ${pad(fixed(row.project.ackedPerSecond), 11)} ${pad(fixed(row.peer.nodeUsPerMessage), 17)} ${pad(fixed(row.project.nodeUsPerMessage), 17)} ${pad(fixed(row.project.postgresUsPerMessage), 15)} ${pad(String(row.project.backlogAtEnd), 13)} ${pad(`${fixed(row.peer.otherCores, 2)} / ${fixed(row.project.otherCores, 2)}`, 15)}`,
    );
    if (row.peer.errors + row.project.errors > 0) lines.push(`    errors (non-2xx or socket): peer ${row.peer.errors}, project ${row.project.errors}`);
    if (row.latency) {
      const d = row.latency.firstReply;
      lines.push(
        `    paced ${row.latency.rate} msg/s (${row.backend}): end to end p50 ${fixed(d?.p50, 1)} ms, p99 ${fixed(d?.p99, 1)} ms, max ${fixed(d?.max, 1)} ms over ${d?.count ?? 0} messages` +
          `${row.latency.unanswered > 0 ? `, ${row.latency.unanswered} unanswered` : ''}${row.latency.mismatchedChats > 0 ? `, ${row.latency.mismatchedChats} chats left out` : ''}; others ${fixed(row.latency.otherCores, 2)} cores`,
      );
    }
  }
  return lines.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function formatSummary(rounds: BackendRound[][], run: { startedAt: string; loadAtStart: string; duration: number; connections: number; chats: number; app: string }): string {
  const lines = [
    '',
    `Stateless peer vs the project: light path (/start, menu, bantuan), Telegram webhooks, wrk -t1 -c${run.connections}, ${run.duration} s flat out each, ${run.chats} chats, outbox rate limits lifted`,
    `started ${run.startedAt}, app ${run.app}, ${cpus().length} cores, load average at start ${run.loadAtStart} (a shared machine: "others" is what other work used during each run)`,
    'replies/s: replies at the Bot API stand-in while the load ran; µs/msg: CPU of the process(es) over the run per message answered in it',
  ];
  const backends = [...new Set(rounds.flat().map((row) => row.backend))];
  for (const backend of backends) {
    const rows = rounds.flat().filter((row) => row.backend === backend);
    const ratios = rows.map((row) => (100 * row.project.repliesPerSecond) / row.peer.repliesPerSecond);
    const latencies = rows.flatMap((row) => (row.latency?.firstReply ? [row.latency.firstReply] : []));
    lines.push(
      `  ${backend}: project/peer replies/s median ${fixed(median(ratios), 1)} % (range ${fixed(Math.min(...ratios), 1)}–${fixed(Math.max(...ratios), 1)} %, ${rows.length} round${rows.length === 1 ? '' : 's'}); ` +
        `peer ${fixed(median(rows.map((row) => row.peer.repliesPerSecond)))} replies/s, project ${fixed(median(rows.map((row) => row.project.repliesPerSecond)))}; ` +
        `CPU per message: node peer ${fixed(median(rows.map((row) => row.peer.nodeUsPerMessage)))} µs, project ${fixed(median(rows.map((row) => row.project.nodeUsPerMessage)))} µs` +
        (backend === 'postgres' ? ` + PostgreSQL ${fixed(median(rows.map((row) => row.project.postgresUsPerMessage ?? Number.NaN)))} µs` : ' (PGlite runs inside the node process)') +
        (latencies.length > 0 ? `; paced ${rows[0]!.latency!.rate} msg/s: p50 ${fixed(median(latencies.map((d) => d.p50)), 1)} ms, p99 ${fixed(median(latencies.map((d) => d.p99)), 1)} ms` : ''),
    );
  }
  return lines.join('\n');
}

function log(message: string): void {
  console.error(`[compare ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

runBench(main, cleanups);
