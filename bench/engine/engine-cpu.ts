/**
 * CPU per message of the engine alone (webhook insert + conversation turn + outbox write), with
 * no HTTP, channel or sender around it, so a before/after comparison is not drowned by other
 * work on this shared machine: CPU time is counted per process (this one, and the PostgreSQL
 * backends of its database), not derived from throughput.
 *
 * `chats` chats each go through the bench conversation (bench/conversation) `rounds` times;
 * `concurrency` receives are in flight at once, like webhooks, each chat's messages in order.
 *
 *   TEST_DATABASE_URL=postgresql://… npx tsx bench/engine/engine-cpu.ts [postgres|pglite] [chats] [rounds] [concurrency] [--sql]
 *   (default: postgres 200 1 50; --sql also counts the statements per message, PostgreSQL only;
 *   --light: the light path compare-peer drives instead, "/start" / "menu" / "bantuan" over and over)
 *
 * The engine is wired as src/app/create-runtime.ts wires it: the KPM flow behind the app's
 * router (facilitator links, linking codes, RSVPs), so its statements are counted too.
 */
import { loadavg } from 'node:os';
import pino from 'pino';
import type { ReplySpec } from '../../flows/kpm-assistant/contract.js';
import { conversationRouter } from '../../src/app/conversation-router.js';
import { facilitatorFlowBinding } from '../../src/app/facilitator-flow-binding.js';
import { kpmFlowBinding } from '../../src/app/kpm-flow-binding.js';
import { defaultLinkCodeSettings } from '../../src/facilitators/link-codes.js';
import { DEFAULT_REMINDER_OFFSETS } from '../../src/mentoring/reminder-offsets.js';
import type { InboundMessage } from '../../src/channels/channel-port.js';
import { ConversationEngine } from '../../src/engine/conversation-engine.js';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { renderReply } from '../../src/i18n/render-reply.js';
import { defaultAttemptLimits } from '../../src/kpm-effects/attempt-limits.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { backends, type TestDatabase } from '../../test/support/backends.js';
import { BENCH_CYCLE, readDemoRecipients, stepText } from '../conversation/bench-conversation.js';
import { LIGHT_CYCLE } from '../conversation/light-conversation.js';
import { cpuSnapshot } from '../machine/cpu-accounting.js';
import { SqlCounter } from '../server/sql-statistics.js';

async function main(): Promise<void> {
  const countSql = process.argv.includes('--sql');
  const light = process.argv.includes('--light');
  const [kind = 'postgres', chatsArg = '200', roundsArg = '1', concurrencyArg = '50'] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const sql = new SqlCounter();
  if (countSql && kind === 'postgres') sql.installPostgres();
  const chats = Number(chatsArg);
  const rounds = Number(roundsArg);
  const concurrency = Number(concurrencyArg);
  const backend = backends.find((candidate) => candidate.kind === kind);
  if (!backend || backend.skipReason) throw new Error(`backend ${kind} unavailable: ${backend?.skipReason ?? 'unknown kind'}`);
  const db = await backend.open();
  try {
    await seedDemoData(db);
    const recipients = readDemoRecipients();
    const t = createTranslator();
    const kpm = kpmFlowBinding({ nikHashSecret: 'bench', limits: { ...defaultAttemptLimits, perChat: 1_000_000, perNik: 1_000_000 } });
    const now = () => new Date();
    const router = conversationRouter({
      kpm,
      facilitator: facilitatorFlowBinding({ reminderOffsets: DEFAULT_REMINDER_OFFSETS, translate: t, now }),
      linkCodes: { ...defaultLinkCodeSettings, secret: 'bench' },
      now,
    });
    const engine = new ConversationEngine({
      db,
      flow: kpm,
      router,
      contextSealKey: Buffer.alloc(32, 7),
      render: (spec, language) => renderReply(spec as ReplySpec, language === 'en' ? 'en' : 'id', t),
      logger: pino({ level: 'warn' }),
      idleTimeoutMs: 30 * 60_000,
      sweepIntervalMs: 60_000,
    });
    const steps = BENCH_CYCLE.length * rounds;
    // A warm-up on chats of its own (JIT, Prisma's query plans, the pool), not measured.
    await drive(engine, db, conversation(recipients, chats, steps, 800_000, 'warm', light), chats, concurrency);
    const messages = conversation(recipients, chats, steps, 900_000, 'run', light);
    const pgPids = db.kind === 'postgres' ? await backendPids(db) : [];
    const before = cpuSnapshot();
    const cpuBefore = process.cpuUsage();
    sql.reset();
    const started = performance.now();
    const { ackedAt, finished } = await drive(engine, db, messages, chats, concurrency);
    const cpu = process.cpuUsage(cpuBefore);
    const after = cpuSnapshot();
    const pgTicks = pgPids.reduce((sum, pid) => sum + ((after.processes.get(pid)?.ticks ?? 0) - (before.processes.get(pid)?.ticks ?? 0)), 0);
    const replies = await db.prisma.outboundMessage.count({ where: { chatId: { gte: '900000' } } });
    const failed = await db.prisma.inboundMessage.count({ where: { status: 'failed' } });
    const n = messages.length;
    const nodeUs = (cpu.user + cpu.system) / n;
    console.log(
      `${kind}${light ? ' (light path)' : ''}: ${n} messages (${chats} chats × ${steps} steps, ${concurrency} in flight) → ${replies} replies, ${failed} failed; ` +
        `all stored in ${((ackedAt - started) / 1000).toFixed(2)} s, all answered in ${((finished - started) / 1000).toFixed(2)} s (${(n / ((finished - started) / 1000)).toFixed(0)} msg/s)`,
    );
    console.log(
      `CPU per message: node ${nodeUs.toFixed(0)} µs` +
        (db.kind === 'postgres' ? `, PostgreSQL backends ${((pgTicks * 10_000) / n).toFixed(0)} µs (10 ms ticks)` : ' (PGlite runs inside node)') +
        `; machine load average ${loadavg()[0]!.toFixed(2)}`,
    );
    if (countSql && kind === 'postgres') {
      const stats = sql.snapshot().statements;
      const total = stats.reduce((sum, stat) => sum + stat.count, 0);
      console.log(`SQL statements per message: ${(total / n).toFixed(2)}`);
      for (const stat of stats.slice(0, 25)) console.log(`  ${(stat.count / n).toFixed(3)}  ${stat.sql}`);
    }
    await engine.stop();
  } finally {
    await db.dispose();
  }
}

/** Step-major order: every chat's step n before any chat's step n + 1. */
function conversation(recipients: ReturnType<typeof readDemoRecipients>, chats: number, steps: number, firstChat: number, tag: string, light: boolean): InboundMessage[] {
  const messages: InboundMessage[] = [];
  for (let step = 0; step < steps; step += 1) {
    for (let chat = 0; chat < chats; chat += 1) {
      const text = stepText(light ? LIGHT_CYCLE[step % LIGHT_CYCLE.length]! : BENCH_CYCLE[step % BENCH_CYCLE.length]!, recipients[chat % recipients.length]!);
      messages.push({ channel: 'telegram', chatId: String(firstChat + chat), externalId: `${tag}-${step}-${chat}`, content: { kind: 'text', text } });
    }
  }
  return messages;
}

/** Receives every message, `concurrency` at a time, each chat's in order; resolves once all are answered. */
async function drive(engine: ConversationEngine, db: TestDatabase, messages: InboundMessage[], chats: number, concurrency: number) {
  const stored: Array<Promise<unknown>> = new Array(messages.length);
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const index = next;
      next += 1;
      if (index >= chats) await stored[index - chats]; // the chat's previous message is stored first
      stored[index] = engine.receive(messages[index]!);
      await stored[index];
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ackedAt = performance.now();
  for (;;) {
    await engine.idle();
    const pending = await db.prisma.inboundMessage.count({ where: { status: 'pending' } });
    if (pending === 0) break;
    await engine.sweep();
  }
  return { ackedAt, finished: performance.now() };
}

async function backendPids(db: { prisma: { $queryRaw<T>(query: TemplateStringsArray): Promise<T> } }): Promise<number[]> {
  const rows = await db.prisma.$queryRaw<Array<{ pid: number }>>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  return rows.map((row) => Number(row.pid));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
