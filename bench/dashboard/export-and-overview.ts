import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { distribution } from '../analysis/percentiles.js';
import { createScratchDatabase, type ScratchDatabase } from '../machine/scratch-database.js';
import { loadRecipients } from '../support/load-million-recipients.js';
import { exportRecipients } from '../../src/reporting/export-recipients.js';
import { inboundPerDay } from '../../src/reporting/overview/inbound-per-day.js';
import { linkedChatsPerChannel } from '../../src/reporting/overview/linked-chats.js';
import { outboxHealth } from '../../src/reporting/overview/outbox-health.js';
import { programFunnels } from '../../src/reporting/overview/program-funnel.js';
import type { RecipientScope } from '../../src/reporting/overview/recipient-scope.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { Prisma } from '../../src/storage/generated/client.js';

// The dashboard's heavy reads at provincial scale, on PostgreSQL:
//   npx tsx bench/dashboard/export-and-overview.ts                     # scratch database, 1,000,000 KPM
//   npx tsx bench/dashboard/export-and-overview.ts --database-url URL  # an existing database, loaded if short
// Prints the load time, p50/p99 of each overview query (all KPM, and a facilitator's 50),
// and the time, size and memory of an XLSX export of 100,000 KPM.

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    recipients: { type: 'string', default: '1000000' },
    'export-recipients': { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
    /** Time the overview queries only. */
    'no-export': { type: 'boolean', default: false },
  },
});
const wanted = Number(values.recipients);
const runs = Number(values.runs);

let scratch: ScratchDatabase | undefined;
let url = values['database-url'];
if (!url) {
  scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url = scratch.url;
  console.log(`scratch database ${scratch.name}`);
}
let db: Database | undefined;
try {
  db = await openDatabase({ databaseUrl: url, poolSize: 2 });
  const present = await db.prisma.recipient.count().catch(() => 0);
  if (present < wanted) {
    const summary = await loadRecipients(url, {
      recipients: wanted - present,
      linkedShare: 0.3,
      inboundMessages: 300_000,
      outboundMessages: 100_000,
      log: (line) => process.stderr.write(`  ${line}\n`),
    });
    console.log(
      `loaded ${summary.recipients.toLocaleString('en')} KPM, ${summary.stageEvents.toLocaleString('en')} stage events, ` +
        `${summary.conversations.toLocaleString('en')} chats, ${summary.inboundMessages.toLocaleString('en')} inbound, ` +
        `${summary.outboundMessages.toLocaleString('en')} outbound in ${summary.seconds.toFixed(1)} s`,
    );
  }
  const { _min } = await db.prisma.recipient.aggregate({ _min: { id: true } });
  const firstId = _min.id ?? 1;
  const facilitator: RecipientScope = Prisma.sql`SELECT id FROM recipient WHERE id BETWEEN ${firstId + 500_000} AND ${firstId + 500_049}`;
  const now = new Date();
  const handle = db;

  const queries: [string, () => Promise<unknown>][] = [
    ['program funnels, all', () => programFunnels(handle)],
    ['program funnels, 50 KPM', () => programFunnels(handle, facilitator)],
    ['linked chats, all', () => linkedChatsPerChannel(handle)],
    ['linked chats, 50 KPM', () => linkedChatsPerChannel(handle, facilitator)],
    ['inbound per day, all', () => inboundPerDay(handle, { now })],
    ['inbound per day, 50 KPM', () => inboundPerDay(handle, { now, scope: facilitator })],
    ['outbox health, all', () => outboxHealth(handle)],
    ['outbox health, 50 KPM', () => outboxHealth(handle, facilitator)],
  ];
  console.log(`\noverview queries, ${runs} runs each after one warm-up (ms)`);
  console.log(`${'query'.padEnd(28)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}`);
  for (const [name, run] of queries) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    const d = distribution(times)!;
    console.log(`${name.padEnd(28)}${d.p50.toFixed(1).padStart(10)}${d.p99.toFixed(1).padStart(10)}${d.max.toFixed(1).padStart(10)}`);
  }

  if (!values['no-export']) {
    const exportCount = Number(values['export-recipients']);
    let bytes = 0;
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const rssBefore = process.memoryUsage().rss;
    const start = performance.now();
    const counts = await exportRecipients(db, output, {
      format: 'xlsx',
      language: 'id',
      scope: { id: { gte: firstId, lt: firstId + exportCount } },
    });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    console.log(
      `\nXLSX export: ${counts.recipients.toLocaleString('en')} KPM, ${counts.rows.toLocaleString('en')} rows, ` +
        `${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${Math.round(counts.rows / seconds).toLocaleString('en')} rows/s); ` +
        `RSS ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peakRss / 1e6).toFixed(0)} MB`,
    );
  }
} finally {
  await db?.close();
  if (scratch && !values.keep) await scratch.drop();
  else if (scratch) console.log(`kept ${scratch.url}`);
}
