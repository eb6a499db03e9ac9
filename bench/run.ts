/**
 * `npm run bench`: pushes webhook traffic through the whole path — webhook → engine → database
 * → outbox → sender → platform API stand-in — for Telegram and the WhatsApp Cloud API, on PGlite
 * and on PostgreSQL, and the same load against a bare Hono route as the ceiling. See
 * bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { summariseProfile } from './analysis/cpu-profile-summary.js';
import { BENCH_CHANNELS, telegramBench, type BenchChannel } from './channels/bench-channels.js';
import { readDemoRecipients, BENCH_CYCLE, type DemoRecipient } from './conversation/bench-conversation.js';
import { BenchInstance, sleep, type StandIns } from './instance.js';
import { cpuBreakdown, cpuSnapshot } from './machine/cpu-accounting.js';
import { postgresSettings } from './machine/scratch-database.js';
import { waitForQuiet } from './machine/wait-for-quiet.js';
import { parseOptions, type Backend, type BenchOptions } from './options.js';
import { formatReport } from './report/format-report.js';
import type { BackendResult, BenchResults, CeilingResult, ProfileResult } from './results.js';
import { ServerProcess } from './server/server-process.js';
import { startBotApiStandIn } from './stand-in/bot-api-stand-in.js';
import { startGraphApiStandIn } from './stand-in/graph-api-stand-in.js';
import { ReplyLog } from './stand-in/reply-log.js';
import { runWrk } from './wrk/run-wrk.js';
import { appVersion, runBench, type Cleanups } from './bench-process.js';

const cleanups: Cleanups = [];

interface Context {
  options: BenchOptions;
  standIns: StandIns;
  recipients: DemoRecipient[];
  workDir: string;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // wrk --version exits 1 after printing; only a missing binary is a problem.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('wrk is not installed: apt-get install -y wrk');
  }
  const workDir = mkdtempSync(join(tmpdir(), 'kpm-bench-'));
  if (!options.keepWorkDir) cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));
  // One reply log for both stand-ins: only one server instance runs at a time.
  const replies = new ReplyLog();
  const botApi = await startBotApiStandIn(replies);
  cleanups.push(() => botApi.close());
  const graphApi = await startGraphApiStandIn(replies);
  cleanups.push(() => graphApi.close());
  const context: Context = { options, standIns: { replies, telegramApiRoot: botApi.apiRoot, graphApiBase: graphApi.apiBase }, recipients: readDemoRecipients(), workDir };

  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    machine: { cores: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version, loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100), memoryGb: Math.round(totalmem() / 1e8) / 10 },
    settings: {
      chats: options.chats === undefined ? 'auto: about 4 s between one chat\'s messages at the warm-up\'s rate (70–2000)' : options.chats,
      wrk: `-t${options.threads} -c${options.connections}`,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      latencyLoad: options.latencyRate !== undefined ? `${options.latencyRate} msg/s` : `${options.latencyLoad} × measured`,
      cycle: BENCH_CYCLE.map((step) => step.label).join(' | '),
      outboxRateLimits: 'per chat 1000/s (burst 1000), global 1,000,000/s (lifted for the bench)',
      logLevel: options.logLevel,
      app: appVersion(),
      experiments: options.experiments.length > 0 ? options.experiments.join(', ') : 'none (the app as it is)',
      workDir,
    },
    backends: [],
  };
  log(`work dir ${workDir}; load average ${results.machine.loadAverageAtStart.join(' ')}`);

  if (options.ceiling) {
    if (options.quietWaitSeconds > 0) await waitForQuiet(options.quietWaitSeconds, options.quietBelowCores, log);
    results.ceiling = await runCeiling(context);
  }
  let index = 0;
  for (const backend of options.backends) {
    for (const channelName of options.channels) {
      // Each server instance gets its own range of chat ids (see BenchInstance.start); +1 is kept for a restart.
      index += 2;
      const channel = BENCH_CHANNELS[channelName];
      results.backends.push(options.profile ? await profileBackend(backend, channel, index, context) : await measureBackend(backend, channel, index, context));
    }
  }

  console.log(formatReport(results));
  if (options.jsonFile) writeFileSync(options.jsonFile, JSON.stringify(results, null, 2));
}

/** The ceiling: the same wrk load (Telegram updates) against a bare Hono JSON route in its own process. */
async function runCeiling({ options, recipients, workDir }: Context): Promise<CeilingResult> {
  log('ceiling: bare Hono route');
  const server = await ServerProcess.start({ env: { BENCH_MODE: 'ceiling' }, logFile: join(workDir, 'server-ceiling.log') });
  try {
    const script = telegramBench.lua({ offset: 0, origin: 0, chats: options.chats ?? 2000, chatBase: 100_000_000, updateBase: 1_000_000, recipients, threads: options.threads });
    const before = cpuSnapshot();
    const wrk = runWrk({ url: `http://127.0.0.1:${server.port}/webhooks/telegram`, script, workDir, name: 'ceiling', threads: options.threads, connections: options.connections, durationSeconds: options.ceilingSeconds });
    let after = before;
    const windowClosed = sleep(options.ceilingSeconds * 1000 - 300).then(() => {
      after = cpuSnapshot();
    });
    const summary = await wrk.done;
    await windowClosed;
    const errors = summary.connectErrors + summary.readErrors + summary.writeErrors + summary.timeouts + summary.statusErrors;
    return {
      requestsPerSecond: (summary.requests - summary.statusErrors) / (summary.durationUs / 1e6),
      ackP50Ms: summary.ackP50Us / 1000,
      ackP99Ms: summary.ackP99Us / 1000,
      errors,
      cpu: cpuBreakdown(before, after, { 'server (node)': [server.pid], wrk: [wrk.pid], 'driver + stand-ins': [process.pid] }),
    };
  } finally {
    await server.stop();
  }
}

async function startInstance(backend: Backend, channel: BenchChannel, index: number, context: Context, sqlStatistics: boolean): Promise<BenchInstance> {
  if (context.options.quietWaitSeconds > 0) {
    const busy = await waitForQuiet(context.options.quietWaitSeconds, context.options.quietBelowCores, log);
    log(`other work on the machine: ${busy.toFixed(2)} cores busy`);
  }
  log(`${backend}/${channel.name}: starting a server on a fresh database`);
  const instance = await BenchInstance.start({ backend, channel, index, options: context.options, standIns: context.standIns, recipients: context.recipients, workDir: context.workDir, sqlStatistics });
  cleanups.push(() => instance.stop().catch(() => {}));
  await instance.calibrate();
  log(`${backend}/${channel.name}: calibrated (replies per step ${instance.repliesPerStep.join(' ')}, unloaded latency ${instance.unloadedMs.map((ms) => ms.toFixed(0)).join('/')} ms)`);
  // The warm-up talks to 200 chats of its own; the measured runs to as many as suit the server's pace.
  instance.useChats(200, 5_000_000);
  let rate = 25;
  if (context.options.warmupSeconds > 0) {
    const warmup = await instance.load('warm-up', context.options.warmupSeconds, 100);
    rate = warmup.repliesPerSecond / instance.averageRepliesPerMessage();
  }
  const chats = context.options.chats ?? Math.min(2_000, Math.max(70, Math.round(rate * 4)));
  instance.useChats(chats, 1_000);
  log(`${backend}/${channel.name}: ${chats} chats for the measured runs`);
  return instance;
}

async function backendDetails(backend: Backend, options: BenchOptions): Promise<Record<string, string>> {
  return backend === 'postgres' ? await postgresSettings(options.databaseUrl) : { pglite: 'in-process, data directory on disk (the app default)' };
}

/** Calibrate, warm up, run flat out (throughput), then paced (latency), on fresh databases. */
async function measureBackend(backend: Backend, channel: BenchChannel, index: number, context: Context): Promise<BackendResult> {
  const { options } = context;
  const details = await backendDetails(backend, options);
  let instance = await startInstance(backend, channel, index, context, false);
  log(`${backend}/${channel.name}: throughput run, ${options.durationSeconds} s flat out`);
  const throughput = await instance.load('throughput', options.durationSeconds, undefined);
  log(`${backend}/${channel.name}: ${throughput.acked} acked, ${throughput.repliesPerSecond.toFixed(0)} replies/s, backlog ${throughput.backlogAtEnd}, drained ${throughput.drainSeconds === undefined ? 'no' : `${throughput.drainSeconds.toFixed(1)} s`}`);
  const measured = throughput.repliesPerSecond / instance.averageRepliesPerMessage();
  const restarted = throughput.drainSeconds === undefined;
  let earlier: BackendResult | undefined;
  if (restarted) {
    // The backlog would distort the latency run: measure it on a fresh instance.
    earlier = await finish(instance, channel, details, false);
    instance = await startInstance(backend, channel, index + 1, context, false);
  }
  const rate = options.latencyRate ?? Math.max(5, measured * options.latencyLoad);
  log(`${backend}/${channel.name}: latency run, ${options.durationSeconds} s paced at ${rate.toFixed(0)} messages/s`);
  await instance.load('latency', options.durationSeconds, rate);
  const result = await finish(instance, channel, details, restarted);
  if (earlier) {
    // Throughput (and warm-up) from the first instance, latency from the fresh one.
    result.phases = [...earlier.phases.filter((phase) => phase.name !== 'latency'), ...result.phases.filter((phase) => phase.name === 'latency')];
    result.mismatchedChats += earlier.mismatchedChats;
    result.chats += earlier.chats;
    result.log.lines += earlier.log.lines;
    result.log.personalDataHits += earlier.log.personalDataHits;
    for (const [message, count] of Object.entries(earlier.log.errorMessages)) result.log.errorMessages[message] = (result.log.errorMessages[message] ?? 0) + count;
  }
  return result;
}

async function finish(instance: BenchInstance, channel: BenchChannel, details: Record<string, string>, restarted: boolean): Promise<BackendResult> {
  const { phases, pairing } = instance.results();
  await instance.stop();
  return {
    backend: instance.backend,
    channel: channel.name,
    details,
    calibration: calibrationOf(instance),
    phases,
    chats: pairing.chats,
    mismatchedChats: pairing.mismatchedChats,
    restartedForLatency: restarted,
    loadChats: instance.chats,
    log: instance.checkLog(),
  };
}

function calibrationOf(instance: BenchInstance): BackendResult['calibration'] {
  return instance.repliesPerStep.map((replies, step) => ({ step: BENCH_CYCLE[step]!.label, replies, unloadedMs: instance.unloadedMs[step] ?? Number.NaN, unloadedAckMs: instance.unloadedAckMs[step] ?? Number.NaN }));
}

/** The profile run: SQL statements per message and a CPU profile of the server under full load. */
async function profileBackend(backend: Backend, channel: BenchChannel, index: number, context: Context): Promise<BackendResult> {
  const { options, standIns, workDir } = context;
  log(`${backend}/${channel.name}: profile run (SQL counting + CPU profile of the server)`);
  const instance = await startInstance(backend, channel, index, context, true);
  const profileFile = join(workDir, `server-${backend}-${channel.name}.cpuprofile`);
  await instance.server.command({ type: 'profile-start' }, 'profiling');
  // load() marks the SQL counters at its start and dumps them one second after wrk ends.
  const phase = await instance.load('throughput', options.durationSeconds, undefined);
  await instance.server.command({ type: 'profile-stop', file: profileFile }, 'profiled');
  const { sql } = phase.dump;
  // Messages processed while counting: replies that arrived between the mark and the dump.
  const messagesProcessed = standIns.replies.countBetween(phase.startedAt, phase.endedAt + 1_000) / instance.averageRepliesPerMessage();
  const totalStatements = sql.statements.reduce((sum, stat) => sum + stat.count, 0);
  const profile: ProfileResult = {
    messagesProcessed: Math.round(messagesProcessed),
    statementsPerMessage: totalStatements / messagesProcessed,
    transactionsPerMessage: (backend === 'pglite' ? sql.transactions : (sql.statements.find((stat) => stat.sql === 'BEGIN')?.count ?? 0)) / messagesProcessed,
    avgTransactionHoldMs: backend === 'pglite' && sql.transactions > 0 ? sql.transactionMs / sql.transactions : undefined,
    statements: sql.statements.map((stat) => ({ ...stat, perMessage: stat.count / messagesProcessed, avgMs: stat.totalMs / stat.count })),
    cpu: summariseProfile(profileFile, 30),
    profileFile,
  };
  const { phases, pairing } = instance.results();
  await instance.stop();
  return {
    backend,
    channel: channel.name,
    details: await backendDetails(backend, options),
    calibration: calibrationOf(instance),
    phases,
    chats: pairing.chats,
    mismatchedChats: pairing.mismatchedChats,
    restartedForLatency: false,
    loadChats: instance.chats,
    log: instance.checkLog(),
    profile,
  };
}

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

runBench(main, cleanups);
