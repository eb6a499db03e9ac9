/**
 * A 100,000-recipient broadcast on PostgreSQL (issue 9):
 * - time to enqueue it (preview, create, confirm: one transaction, goal under 5 s);
 * - the sending rate at a Bot API stand-in, per wall-clock second, against the configured
 *   global limit (goal: every full second at 98–100 % of it, none over);
 * - conversation reply latency (outbox row written → arrival at the stand-in), p50/p99, with
 *   the broadcast running and without it. Replies are written straight into the outbox at
 *   `--reply-rate` per second (the engine's part is measured by bench/run.ts).
 *
 *   TEST_DATABASE_URL=postgresql://… npx tsx bench/proactive/broadcast-100k.ts [recipients] [limit/s] [seconds] [reply-rate]
 *   (default: 100000 30 60 3)
 */
import pino from 'pino';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { OutboxSender } from '../../src/outbox/outbox-sender.js';
import { createProactive } from '../../src/proactive/index.js';
import { backends, type TestDatabase } from '../../test/support/backends.js';
import { startBotApiStandIn } from '../stand-in/bot-api-stand-in.js';

const REGION = 'Kabupaten Pandeglang';

async function seed(db: TestDatabase, count: number): Promise<void> {
  const chunk = 10_000;
  for (let start = 0; start < count; start += chunk) {
    const ids = Array.from({ length: Math.min(chunk, count - start) }, (_, i) => start + i);
    await db.prisma.recipient.createMany({
      data: ids.map((i) => ({ nik: `36${String(i).padStart(14, '0')}`, fullName: `KPM ${i}`, regency: REGION, district: 'Labuan', village: 'Cigondang' })),
    });
  }
  await db.prisma.$executeRaw`
    INSERT INTO conversation (channel, chat_id, machine_id, machine_version, recipient_id, updated_at)
    SELECT 'telegram', (1000000 + id)::text, 'kpm-assistant', 2, id, now() FROM recipient`;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const [recipientsArg = '100000', limitArg = '30', secondsArg = '60', replyRateArg = '3'] = process.argv.slice(2);
  const recipients = Number(recipientsArg);
  const limit = Number(limitArg);
  const seconds = Number(secondsArg);
  const replyRate = Number(replyRateArg);
  const backend = backends.find((candidate) => candidate.kind === 'postgres');
  if (!backend || backend.skipReason) throw new Error(`PostgreSQL unavailable: ${backend?.skipReason ?? ''}`);
  const db = await backend.open();
  const standIn = await startBotApiStandIn();
  const arrivals: Array<{ chatId: string; at: number }> = [];
  const record = standIn.replies.record.bind(standIn.replies);
  standIn.replies.record = (chatId) => {
    arrivals.push({ chatId, at: Date.now() });
    record(chatId);
  };
  const written = new Map<string, number>();
  let replySerial = 0;
  async function replyLoad(durationMs: number): Promise<void> {
    const end = Date.now() + durationMs;
    while (Date.now() < end) {
      replySerial += 1;
      const chatId = `9${String(replySerial).padStart(8, '0')}`;
      await db.prisma.outboundMessage.create({ data: { channel: 'telegram', chatId, payload: { kind: 'text', text: 'balasan' } } });
      written.set(chatId, Date.now());
      sender.wake();
      await new Promise((resolve) => setTimeout(resolve, 1000 / replyRate));
    }
  }
  const latencies = (from: number, to: number) =>
    arrivals.filter((a) => written.has(a.chatId) && a.at >= from && a.at <= to).map((a) => a.at - written.get(a.chatId)!);

  const channel = createTelegramChannel({ token: '123:bench', apiRoot: standIn.apiRoot });
  const sender = new OutboxSender({
    db,
    channels: [channel],
    rateLimits: () => ({ perChatPerSecond: 1, perChatBurst: 3, globalPerSecond: limit }),
    logger: pino({ level: 'warn' }),
  });
  try {
    process.stdout.write(`seeding ${recipients} KPM with a Telegram chat each… `);
    const seeded = Date.now();
    await seed(db, recipients);
    console.log(`${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    const proactive = createProactive({ db, translate: createTranslator(), quietHours: { start: 0, end: 0 } });

    sender.start();
    // Baseline: replies alone.
    const baseFrom = Date.now();
    await replyLoad(Math.min(20_000, (seconds * 1000) / 3));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const baseline = latencies(baseFrom, Date.now());

    const t0 = Date.now();
    const preview = await proactive.preview({ regencies: [REGION] }, 'all');
    const t1 = Date.now();
    const broadcast = await proactive.createBroadcast({ requestKey: `bench-${t0}`, createdById: null, target: { regencies: [REGION] }, message: { kind: 'text', text: 'Pengumuman untuk semua KPM.' } }, 'all');
    const confirmed = await proactive.confirmBroadcast(broadcast.id, 'all');
    const t2 = Date.now();
    sender.wake();
    console.log(`preview: ${preview.reach} reached in ${((t1 - t0) / 1000).toFixed(2)} s`);
    console.log(`enqueue (create + confirm, one transaction): ${confirmed.enqueued?.queued} queued in ${((t2 - t1) / 1000).toFixed(2)} s (goal < 5 s)`);

    const runFrom = Date.now();
    await replyLoad(seconds * 1000);
    const runTo = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const during = latencies(runFrom, runTo + 1_000);

    // Per wall-clock second at the stand-in, full seconds only (skip the first: the burst).
    const counts = new Map<number, number>();
    for (const a of arrivals) if (a.at >= runFrom && a.at < runTo) counts.set(Math.floor(a.at / 1000), (counts.get(Math.floor(a.at / 1000)) ?? 0) + 1);
    const first = Math.floor(runFrom / 1000) + 2;
    const last = Math.floor(runTo / 1000) - 1;
    const perSecond: number[] = [];
    for (let s = first; s <= last; s += 1) perSecond.push(counts.get(s) ?? 0);
    const within = perSecond.filter((n) => n >= 0.98 * limit && n <= limit).length;
    const over = perSecond.filter((n) => n > limit).length;
    const progress = await proactive.progress(broadcast.id);
    console.log(`sending: limit ${limit}/s; ${perSecond.length} full seconds: min ${Math.min(...perSecond)}, max ${Math.max(...perSecond)}, mean ${(perSecond.reduce((a, b) => a + b, 0) / perSecond.length).toFixed(2)}/s`);
    console.log(`  seconds at 98–100 % of the limit: ${within}/${perSecond.length}; seconds over the limit: ${over}`);
    console.log(`  per second: ${perSecond.join(' ')}`);
    console.log(`reply latency without the broadcast: n=${baseline.length} p50 ${percentile(baseline, 50)} ms, p99 ${percentile(baseline, 99)} ms`);
    console.log(`reply latency during the broadcast:  n=${during.length} p50 ${percentile(during, 50)} ms, p99 ${percentile(during, 99)} ms`);
    console.log(`broadcast progress after ${seconds} s: sent ${progress.sent}, queued ${progress.queued}`);
  } finally {
    await sender.stop();
    await standIn.close();
    await db.dispose();
  }
}

await main();
