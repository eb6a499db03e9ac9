/**
 * `npx tsx bench/micro/cost-per-operation.ts [--backend pglite|postgres|all|none] [--n 500] [--pglite-on-disk]`
 *
 * What one step of the message path costs on its own, one at a time, no concurrency: CPU time
 * of this Node process (user + system, from process.cpuUsage) and wall time per operation. The
 * whole-path bench says how fast; this says where a message's milliseconds go. PostgreSQL gets a
 * scratch database (BENCH_DATABASE_URL, as in the bench), dropped afterwards; PGlite runs in
 * memory. Only 127.0.0.1 is contacted.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pino } from 'pino';
import { Telegraf } from 'telegraf';
import type { ReplySpec } from '../../flows/kpm-assistant/contract.js';
import { kpmFlowBinding } from '../../src/app/kpm-flow-binding.js';
import type { InboundMessage } from '../../src/channels/channel-port.js';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import { processBatch } from '../../src/engine/process-batch.js';
import { runTurn } from '../../src/engine/run-turn.js';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { renderReply } from '../../src/i18n/render-reply.js';
import { defaultAttemptLimits } from '../../src/kpm-effects/attempt-limits.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { applyMigrations } from '../../src/storage/migrations/apply-migrations.js';
import { createScratchDatabase, type ScratchDatabase } from '../machine/scratch-database.js';
import { startBotApiStandIn } from '../stand-in/bot-api-stand-in.js';

const { values } = parseArgs({ options: { backend: { type: 'string', default: 'all' }, n: { type: 'string', default: '500' }, 'pglite-on-disk': { type: 'boolean', default: false } } });
const N = Math.max(10, Math.min(20_000, Number(values.n)));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

interface Cost {
  name: string;
  cpuUs: number;
  wallUs: number;
}

/** Runs `op` N times after N/10 warm-up runs; CPU and wall time per run. */
async function measure(name: string, op: (index: number) => Promise<unknown>): Promise<Cost> {
  for (let index = 0; index < Math.ceil(N / 10); index += 1) await op(-1 - index);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let index = 0; index < N; index += 1) await op(index);
  const wallUs = ((performance.now() - started) * 1000) / N;
  const used = process.cpuUsage(cpu);
  return { name, cpuUs: (used.user + used.system) / N, wallUs };
}

async function measureBackend(kind: 'pglite' | 'postgres'): Promise<Cost[]> {
  let scratch: ScratchDatabase | undefined;
  let db: Database;
  let pgliteDir: string | undefined;
  if (kind === 'postgres') {
    scratch = await createScratchDatabase(adminUrl);
    db = await openDatabase({ databaseUrl: scratch.url });
  } else {
    // In memory by default; --pglite-on-disk uses a data directory, as the app does.
    pgliteDir = values['pglite-on-disk'] ? mkdtempSync(join(tmpdir(), 'kpm-micro-')) : undefined;
    db = await openDatabase({ dataDir: pgliteDir ?? 'memory://' });
  }
  try {
    await applyMigrations(db);
    await seedDemoData(db);
    const costs: Cost[] = [];
    const nik = '3673035203789001';
    const run = `${Date.now()}`;
    costs.push(await measure('prisma $queryRaw SELECT 1', () => db.prisma.$queryRaw`SELECT 1`));
    if (scratch) {
      const pool = new pg.Pool({ connectionString: scratch.url, max: 1 });
      try {
        costs.push(await measure('  raw pg: SELECT 1 (for comparison)', () => pool.query('SELECT 1')));
        costs.push(
          await measure('  raw pg: INSERT inbox row ON CONFLICT DO NOTHING (prepared)', (index) =>
            pool.query({ name: 'inbox', text: `INSERT INTO inbound_message (channel, chat_id, external_id, payload) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, values: ['telegram', `r${index % 100}`, `${run}-r-${index}`, '{"content":{"kind":"text","text":"halo"}}'] }),
          ),
        );
      } finally {
        await pool.end();
      }
    } else {
      const raw = await PGlite.create('memory://');
      try {
        costs.push(await measure('  raw PGlite: SELECT 1 (another in-memory instance, for comparison)', () => raw.query('SELECT 1')));
        await raw.exec('CREATE TABLE t (id bigserial PRIMARY KEY, channel text, chat_id text, external_id text UNIQUE, payload jsonb)');
        costs.push(await measure('  raw PGlite: INSERT row ON CONFLICT DO NOTHING', (index) => raw.query('INSERT INTO t (channel, chat_id, external_id, payload) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', ['telegram', `r${index % 100}`, `r-${index}`, '{"content":{"kind":"text","text":"halo"}}'])));
      } finally {
        await raw.close();
      }
    }
    costs.push(await measure('prisma recipient.findUnique by NIK', () => db.prisma.recipient.findUnique({ where: { nik }, select: { id: true, fullName: true } })));
    costs.push(
      await measure('prisma $executeRaw INSERT … ON CONFLICT DO NOTHING (the webhook insert since 1110dcc)', (index) =>
        db.prisma.$executeRaw`INSERT INTO inbound_message (channel, chat_id, external_id, payload) VALUES ('telegram', ${`x${index % 100}`}, ${`${run}-x-${index}`}, ${'{"content":{"kind":"text","text":"halo"}}'}::jsonb) ON CONFLICT (channel, external_id) DO NOTHING`,
      ),
    );
    costs.push(
      await measure('prisma inboundMessage.createMany (the webhook insert before 1110dcc)', (index) =>
        db.prisma.inboundMessage.createMany({ data: [{ channel: 'telegram', chatId: `m${index % 100}`, externalId: `${run}-${index}`, payload: { content: { kind: 'text', text: 'halo' } } }], skipDuplicates: true }),
      ),
    );
    costs.push(await measure('prisma inboundMessage.create (same row, plan-cached path)', (index) => db.prisma.inboundMessage.create({ data: { channel: 'telegram', chatId: `c${index % 100}`, externalId: `${run}-c-${index}`, payload: { content: { kind: 'text', text: 'halo' } } } })));
    costs.push(await measure('prisma $transaction(async tx => one SELECT 1)', () => db.prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`)));
    costs.push(await measure('prisma $transaction([SELECT 1]) (batch form)', () => db.prisma.$transaction([db.prisma.$queryRaw`SELECT 1`])));

    // One whole turn as the engine does it: a pending "halo" for a chat, then processBatch.
    const flow = kpmFlowBinding({ nikHashSecret: 'micro', limits: defaultAttemptLimits });
    const t = createTranslator();
    const render = (spec: unknown, language: string) => renderReply(spec as ReplySpec, language === 'en' ? 'en' : 'id', t);
    const options = { db, flow, render, idleTimeoutMs: 30 * 60_000, batchSize: 20, contextSealKey: Buffer.alloc(32, 7) };
    costs.push(
      await measure('processBatch of one conversation, "halo", plus creating its pending row (subtract the create above)', async (index) => {
        const chatId = `p${index}`;
        await db.prisma.inboundMessage.create({ data: { channel: 'telegram', chatId, externalId: `${run}-p-${index}`, payload: { content: { kind: 'text', text: 'halo' } } } });
        await processBatch(options, [{ channel: 'telegram', chatId }]);
      }),
    );
    return costs;
  } finally {
    await db.close();
    await scratch?.drop();
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  }
}

/** Costs that involve no database: the flow turn, rendering, the channel's send and webhook handling. */
async function measureInMemory(): Promise<Cost[]> {
  const costs: Cost[] = [];
  const flow = kpmFlowBinding({ nikHashSecret: 'micro', limits: defaultAttemptLimits });
  const t = createTranslator();
  const message: InboundMessage = { channel: 'telegram', chatId: '1', externalId: '1', content: { kind: 'text', text: 'halo' } };
  const noTx = {} as never;
  let snapshot: unknown = null;
  const scope = { tx: noTx, message, emit: () => {}, forgetSender: () => {} };
  costs.push(
    await measure('runTurn "halo" → menu, from a stored snapshot (machine provided once, actor + persist)', async () => {
      const turn = await runTurn(flow.machine, { snapshot: snapshot as never, input: flow.input(message, { language: 'id', recipientId: null }) }, [flow.toEvent(message.content)], scope);
      snapshot = JSON.parse(JSON.stringify(turn.persisted));
    }),
  );
  const menuSpec = { lines: [{ key: 'menu.greeting' }], choices: [] } as unknown as ReplySpec;
  costs.push(await measure('renderReply (i18next)', async () => renderReply(menuSpec, 'id', t)));
  const standIn = await startBotApiStandIn();
  const telegram = createTelegramChannel({ token: '7000001:micro', apiRoot: standIn.apiRoot, logger: pino({ level: 'silent' }) });
  costs.push(await measure('channel send (keep-alive JSON poster) to a loopback stand-in (outbox send)', () => telegram.send('42', { kind: 'text', text: 'Halo! Pilih menu:', choices: [{ id: 'a', label: '1. Cek kelayakan' }] })));
  const body = JSON.stringify({ chat_id: '42', text: 'Halo! Pilih menu:', reply_markup: { inline_keyboard: [[{ text: '1. Cek kelayakan', callback_data: 'a' }]] } });
  costs.push(
    await measure('  the same call with global fetch (undici), for comparison', async () => {
      const response = await fetch(`${standIn.apiRoot}/bot7000001:micro/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.json();
    }),
  );
  const telegraf = new Telegraf('7000001:micro', { telegram: { apiRoot: standIn.apiRoot, webhookReply: false } });
  costs.push(
    await measure("  the same call through Telegraf's client (how the channel sent before issue 7)", () =>
      telegraf.telegram.callApi('sendMessage', { chat_id: '42', text: 'Halo! Pilih menu:', reply_markup: { keyboard: [[{ text: '1. Cek kelayakan' }]], resize_keyboard: true, one_time_keyboard: true } }),
    ),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  costs.push(
    await measure('  the same call with node:http and a keep-alive agent', () => postJson(agent, `${standIn.apiRoot}/bot7000001:micro/sendMessage`, body)),
  );
  agent.destroy();
  await standIn.close();
  return costs;
}

function postJson(agent: http.Agent, url: string, body: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function main(): Promise<void> {
  // --backend none: only the costs that involve no database.
  const backends = values.backend === 'all' ? (['pglite', 'postgres'] as const) : values.backend === 'none' ? [] : ([values.backend] as Array<'pglite' | 'postgres'>);
  const print = (title: string, costs: Cost[]) => {
    console.log(`\n${title} (${N} runs each, one at a time)`);
    console.log(`${'CPU µs/op'.padStart(10)} ${'wall µs/op'.padStart(11)}  operation`);
    for (const cost of costs) console.log(`${cost.cpuUs.toFixed(0).padStart(10)} ${cost.wallUs.toFixed(0).padStart(11)}  ${cost.name}`);
  };
  print('No database', await measureInMemory());
  for (const backend of backends) {
    const title = backend === 'pglite' ? `PGlite (${values['pglite-on-disk'] ? 'data directory on disk' : 'in memory'}, in this process: its CPU counts here)` : 'PostgreSQL (its server CPU is not counted here)';
    print(title, await measureBackend(backend));
  }
}

await main();
