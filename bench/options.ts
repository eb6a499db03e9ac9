import { parseArgs } from 'node:util';

export type Backend = 'pglite' | 'postgres';
export type ChannelChoice = 'telegram' | 'whatsapp-cloud';

export interface BenchOptions {
  backends: Backend[];
  channels: ChannelChoice[];
  durationSeconds: number;
  connections: number;
  threads: number;
  /** Undefined: chosen from the warm-up's pace (about 4 s between one chat's messages). */
  chats: number | undefined;
  warmupSeconds: number;
  /** The latency run's load, as a share of the measured throughput (ignored when latencyRate is set). */
  latencyLoad: number;
  latencyRate: number | undefined;
  maxDrainSeconds: number;
  ceiling: boolean;
  ceilingSeconds: number;
  profile: boolean;
  poolSize: number | undefined;
  databaseUrl: string;
  logLevel: string;
  jsonFile: string | undefined;
  keepWorkDir: boolean;
  /** Before each server instance, wait up to this long for other work on the machine to calm down. */
  /** What-if patches applied in the server child (bench/server/experiments.ts). */
  experiments: string[];
  quietWaitSeconds: number;
  quietBelowCores: number;
}

export const USAGE = `npm run bench -- [options]

  --backend pglite|postgres|all   storage backends to measure (default all)
  --channel telegram|whatsapp-cloud|all
                                  webhook and platform API to drive (default all)
  --duration SECONDS              length of the throughput and the latency run (default 20)
  --connections N                 wrk connections (default 50)
  --threads N                     wrk threads (default 1)
  --chats N                       distinct chats in the measured runs (default: chosen so each chat
                                  writes about every 4 s at the warm-up's pace, 70–2000)
  --warmup SECONDS                paced warm-up before measuring (default 5)
  --latency-load FRACTION         latency run load as a share of the measured throughput (default 0.5)
  --latency-rate N                latency run load in messages/s (overrides --latency-load)
  --max-drain SECONDS             longest wait for a backlog to be answered (default 90)
  --no-ceiling                    skip the bare Hono ceiling
  --ceiling-duration SECONDS      (default 10)
  --profile                       profile run: SQL statements per message and a CPU profile of the
                                  server during the throughput run (no latency run, no ceiling)
  --pool-size N                   DATABASE_POOL_SIZE for PostgreSQL (default: the app's, 10)
  --log-level LEVEL               the server's LOG_LEVEL (default info)
  --json FILE                     also write the results as JSON
  --keep                          keep the work directory (logs, Lua scripts, dumps, profiles)
  --experiment NAME[,NAME]        measure a proposed change, patched into the server child only:
                                  claim-interval, batch-inbox (see bench/server/experiments.ts)
  --quiet-wait SECONDS            before each measurement, wait up to this long until other work
                                  on the machine uses less than --quiet-below cores (default 0: don't wait)
  --quiet-below CORES             (default 0.5)

Environment: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres): a
scratch database kpm_bench_<random> is created there per server instance and dropped after.`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      backend: { type: 'string', default: 'all' },
      channel: { type: 'string', default: 'all' },
      duration: { type: 'string', default: '20' },
      connections: { type: 'string', default: '50' },
      threads: { type: 'string', default: '1' },
      chats: { type: 'string' },
      warmup: { type: 'string', default: '5' },
      'latency-load': { type: 'string', default: '0.5' },
      'latency-rate': { type: 'string' },
      'max-drain': { type: 'string', default: '90' },
      'no-ceiling': { type: 'boolean', default: false },
      'ceiling-duration': { type: 'string', default: '10' },
      profile: { type: 'boolean', default: false },
      'pool-size': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      experiment: { type: 'string', default: '' },
      'quiet-wait': { type: 'string', default: '0' },
      'quiet-below': { type: 'string', default: '0.5' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const backend = values.backend;
  if (!['pglite', 'postgres', 'all'].includes(backend)) throw new Error(`--backend must be pglite, postgres or all, not ${backend}`);
  const channel = values.channel;
  if (!['telegram', 'whatsapp-cloud', 'all'].includes(channel)) throw new Error(`--channel must be telegram, whatsapp-cloud or all, not ${channel}`);
  const number = (name: string, value: string, min: number, max: number) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return parsed;
  };
  return {
    backends: backend === 'all' ? ['pglite', 'postgres'] : [backend as Backend],
    channels: channel === 'all' ? ['telegram', 'whatsapp-cloud'] : [channel as ChannelChoice],
    // Every load loop is bounded: at most 10 minutes per run.
    durationSeconds: number('duration', values.duration, 1, 600),
    connections: number('connections', values.connections, 1, 1000),
    threads: number('threads', values.threads, 1, 16),
    chats: values.chats === undefined ? undefined : number('chats', values.chats, 1, 4_000_000),
    warmupSeconds: number('warmup', values.warmup, 0, 120),
    latencyLoad: number('latency-load', values['latency-load'], 0.01, 2),
    latencyRate: values['latency-rate'] === undefined ? undefined : number('latency-rate', values['latency-rate'], 1, 100_000),
    maxDrainSeconds: number('max-drain', values['max-drain'], 1, 900),
    ceiling: !values['no-ceiling'] && !values.profile,
    ceilingSeconds: number('ceiling-duration', values['ceiling-duration'], 1, 600),
    profile: values.profile,
    poolSize: values['pool-size'] === undefined ? undefined : number('pool-size', values['pool-size'], 1, 90),
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    logLevel: values['log-level'],
    jsonFile: values.json,
    keepWorkDir: values.keep,
    experiments: values.experiment.split(',').map((name) => name.trim()).filter(Boolean),
    quietWaitSeconds: number('quiet-wait', values['quiet-wait'], 0, 3_600),
    quietBelowCores: number('quiet-below', values['quiet-below'], 0.05, 64),
  };
}
