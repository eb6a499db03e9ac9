import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app/create-runtime.js';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { loadConfig } from '../../src/config/load-config.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { createApp } from '../../src/server/create-app.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';
import { textUpdate } from '../channels/telegram/fake-updates.js';
import { pollUntil, steppedClock } from '../mentoring/sessions-fixture.js';

const SECRET = 'e2e-secret';
const logger = pino({ level: 'silent' });
// Demo KPM (seeded): Siti and Nurhayati in UEP, Imas in Prokus, both business programs.
const SITI = { chat: 51_001, nik: '3673035203789001', name: 'Siti Contoh Rahayu' };
const NURHAYATI = { chat: 51_002, nik: '3673056111829003', name: 'Nurhayati Contoh' };
const IMAS = { chat: 51_003, nik: '3602015009849019', name: 'Imas Contoh Masitoh' };
/** A configured schedule unlike the default: the 3rd at 10.00 WIB, again after 3 and 7 days. */
const ENV = { TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_SECRET: SECRET, REPORT_REMINDER_DAY: '3', REPORT_REMINDER_HOUR: '10', REPORT_REMINDER_AGAIN_AFTER_DAYS: '3,7' };
/** 10.00 WIB on a day of December 2026 (plus minutes). */
const wib = (day: number, hour = 10, minute = 0) => new Date(Date.UTC(2026, 11, day, hour - 7, minute));

/**
 * "Saatnya lapor" from the running service: the runtime's report-reminder scheduler over the
 * real engine, proactive core, outbox and Telegraf against the Bot API stand-in. Time comes from
 * a clock the test moves; the scheduler is stepped with tick() after each move.
 */
describe.each(backends)('report reminders from the runtime on $kind', (backend) => {
  let db: TestDatabase;
  let standIn: TelegramStandIn;
  let telegram: TelegramChannel;
  let runtime: Runtime;
  let server: RunningServer;
  const clock = steppedClock(wib(2));

  async function boot(): Promise<void> {
    telegram = createTelegramChannel({ token: '123:abc', apiRoot: standIn.apiRoot, webhookSecret: SECRET, publicUrl: 'http://127.0.0.1:1' });
    runtime = await createRuntime({
      config: loadConfig(ENV),
      db,
      channels: [telegram],
      logger,
      clock,
      rateLimits: () => ({ perChatPerSecond: 100, perChatBurst: 100, globalPerSecond: 1_000 }),
    });
    server = await startServer(createApp({ telegram, health: async () => ({ ok: true }) }), 0);
    runtime.start();
    await telegram.start(runtime.engine);
  }

  async function shutDown(): Promise<void> {
    await telegram.stop();
    await server.close();
    await runtime.stop();
  }

  beforeEach(async () => {
    if (backend.skipReason) return;
    clock.set(wib(2));
    db = await backend.open();
    await seedDemoData(db);
    standIn = await createTelegramStandIn();
    await boot();
  });

  afterEach(async () => {
    if (backend.skipReason) return;
    await shutDown();
    await standIn.close();
    await db.dispose();
  });

  const textsTo = (chat: number) => standIn.sent.filter((message) => message.chat_id === String(chat)).map((message) => message.text ?? '');
  const remindersTo = (chat: number) => textsTo(chat).filter((text) => /saatnya lapor|belum kami terima/.test(text));

  async function say(chat: number, text: string): Promise<string> {
    const before = textsTo(chat).length;
    const response = await fetch(`http://127.0.0.1:${server.port}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(textUpdate(text, chat)),
    });
    expect(response.status).toBe(200);
    await pollUntil(() => (textsTo(chat).length > before ? true : undefined), 10_000, () => `a reply to ${chat} after "${text}"`);
    return textsTo(chat).slice(before).join('\n---\n');
  }

  /** Proves who the KPM is, so the chat is linked (and reachable by reminders). */
  async function link(kpm: { chat: number; nik: string; name: string }): Promise<void> {
    await say(kpm.chat, '1');
    await say(kpm.chat, kpm.nik);
    expect(await say(kpm.chat, kpm.name)).toMatch(/\*\*\*/);
  }

  /** Moves the clock, runs the scheduler's step and waits until the outbox has sent what it queued. */
  async function at(instant: Date): Promise<number> {
    clock.set(instant);
    const queued = await runtime.reportReminders.tick();
    await waitForOutboxIdle();
    return queued;
  }

  async function waitForOutboxIdle(): Promise<void> {
    runtime.sender.wake();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const pending = await db.prisma.outboundMessage.count({ where: { status: { in: ['pending', 'claimed', 'sending'] } } });
      if (pending === 0) return;
      if (Date.now() > deadline) throw new Error(`${pending} outbound messages still pending`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function report(nik: string, programCode: string): Promise<void> {
    const recipient = await db.prisma.recipient.findUniqueOrThrow({ where: { nik } });
    await db.prisma.businessReport.create({
      data: { reference: `LU-E2E-${recipient.id}`, recipientId: recipient.id, programCode, period: new Date('2026-12-01T00:00:00Z'), businessStatus: 'running', channel: 'telegram', submittedAt: new Date(clock.now()) },
    });
  }

  it.skipIf(backend.skipReason)('reminds on the configured day, again after 3 and 7 days, not after reporting, never twice, never after BERHENTI', async () => {
    await link(SITI);
    await link(NURHAYATI);
    await link(IMAS);
    // Imas opts out of reminders from her chat.
    expect(await say(IMAS.chat, 'BERHENTI')).toMatch(/tidak akan menerima pengingat/);

    // The day before, and on the day before the configured hour: nothing.
    expect(await at(wib(2, 12))).toBe(0);
    expect(await at(wib(3, 9, 59))).toBe(0);

    // The 3rd at 10.00 WIB: Siti and Nurhayati, in one message each; Imas nothing.
    expect(await at(wib(3, 10, 1))).toBe(2);
    expect(remindersTo(SITI.chat)).toHaveLength(1);
    expect(remindersTo(SITI.chat)[0]).toContain('saatnya lapor perkembangan usaha untuk bulan Desember 2026');
    expect(remindersTo(SITI.chat)[0]).toContain('BERHENTI');
    expect(remindersTo(NURHAYATI.chat)).toHaveLength(1);
    expect(remindersTo(IMAS.chat)).toEqual([]);

    // Later that day, and after a restart (a new runtime on the same database): nothing again.
    expect(await at(wib(3, 15))).toBe(0);
    await shutDown();
    await boot();
    expect(await at(wib(4, 10))).toBe(0);
    expect(remindersTo(SITI.chat)).toHaveLength(1);

    // Nurhayati reports; on the 6th (3 days later) only Siti is reminded again.
    await report(NURHAYATI.nik, 'UEP');
    expect(await at(wib(6, 9, 30))).toBe(0);
    expect(await at(wib(6, 10, 5))).toBe(1);
    expect(remindersTo(SITI.chat)).toHaveLength(2);
    expect(remindersTo(SITI.chat)[1]).toContain('laporan usaha bulan Desember 2026 belum kami terima');
    expect(remindersTo(NURHAYATI.chat)).toHaveLength(1);

    // On the 10th (7 days later) Siti once more; then nothing until next month.
    expect(await at(wib(10, 10, 5))).toBe(1);
    expect(await at(wib(20, 10))).toBe(0);
    expect(await at(wib(28, 10))).toBe(0);
    expect(remindersTo(SITI.chat)).toHaveLength(3);
    expect(remindersTo(NURHAYATI.chat)).toHaveLength(1);
    expect(remindersTo(IMAS.chat)).toEqual([]);

    // The core kept who got what: one send per round and KPM; Imas's left out as opted out.
    const sends = await db.prisma.proactiveSend.findMany({ where: { sourceKind: 'business-report-reminder' }, orderBy: { id: 'asc' } });
    expect(sends.filter((s) => s.occurrenceKey === 'round-1')).toHaveLength(3);
    expect(sends.filter((s) => s.occurrenceKey === 'round-2')).toHaveLength(2);
    expect(sends.filter((s) => s.occurrenceKey === 'round-3')).toHaveLength(2);
    const imas = await db.prisma.recipient.findUniqueOrThrow({ where: { nik: IMAS.nik } });
    expect(sends.filter((s) => s.recipientId === imas.id).map((s) => s.skipReason)).toEqual(['opted-out', 'opted-out', 'opted-out']);
  }, 120_000);
});
