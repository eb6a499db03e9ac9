import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app/create-runtime.js';
import { createTelegramChannel } from '../../src/channels/telegram/create-telegram-channel.js';
import type { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { loadConfig } from '../../src/config/load-config.js';
import { issueLinkCode } from '../../src/facilitators/link-codes.js';
import { Hono } from 'hono';
import { createDashboard } from '../../src/dashboard/create-dashboard.js';
import { hashPassword } from '../../src/dashboard/security/password.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { DashboardClient } from '../dashboard/support/dashboard-client.js';
import { createApp } from '../../src/server/create-app.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { createTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';
import { textUpdate } from '../channels/telegram/fake-updates.js';
import { facilitatorWithGroup, pollUntil, steppedClock, tomorrowAtTenWib, typedWib } from '../mentoring/sessions-fixture.js';

const SECRET = 'e2e-secret';
const KPM_CHAT = 42_001;
const FACILITATOR_CHAT = 77_001;
const logger = pino({ level: 'silent' });

/**
 * Mentoring sessions over Telegram, end to end: real Telegraf against the Bot API stand-in,
 * updates POSTed to the webhook route, the real engine with its router, both flows, the session
 * notices and the outbox. Reminder time comes from a clock the test moves.
 */
describe.each(backends)('mentoring sessions over Telegram on $kind', (backend) => {
  let db: TestDatabase;
  let standIn: TelegramStandIn;
  let telegram: TelegramChannel;
  let runtime: Runtime;
  let server: RunningServer;
  // Tomorrow 10.00 WIB: daytime whenever the suite runs (quiet hours hold proactive messages at night),
  // and after every real message's arrival time.
  const clock = steppedClock(tomorrowAtTenWib());

  beforeEach(async () => {
    if (backend.skipReason) return;
    clock.set(tomorrowAtTenWib());
    db = await backend.open();
    await seedDemoData(db);
    standIn = await createTelegramStandIn();
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_SECRET: SECRET });
    telegram = createTelegramChannel({ token: '123:abc', apiRoot: standIn.apiRoot, webhookSecret: SECRET, publicUrl: 'http://127.0.0.1:1' });
    runtime = await createRuntime({
      config,
      db,
      channels: [telegram],
      logger,
      clock,
      rateLimits: () => ({ perChatPerSecond: 100, perChatBurst: 100, globalPerSecond: 1_000 }),
    });
    server = await startServer(createApp({ telegram, health: async () => ({ ok: true }) }), 0);
    runtime.start();
    await telegram.start(runtime.engine);
  });

  afterEach(async () => {
    if (backend.skipReason) return;
    await telegram.stop();
    await server.close();
    await runtime.stop();
    await standIn.close();
    await db.dispose();
  });

  const sentTo = (chat: number) => standIn.sent.filter((message) => message.chat_id === String(chat));

  /** Sends one text from a chat and returns the replies that chat got for it. */
  async function say(chat: number, text: string, expectedReplies = 1): Promise<string> {
    const before = sentTo(chat).length;
    const response = await fetch(`http://127.0.0.1:${server.port}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(textUpdate(text, chat)),
    });
    expect(response.status).toBe(200);
    await pollUntil(() => (sentTo(chat).length >= before + expectedReplies ? true : undefined), 10_000, () => `replies to ${chat} after "${text}"`);
    return sentTo(chat).slice(before).map((message) => message.text ?? '').join('\n---\n');
  }

  async function waitForTextTo(chat: number, pattern: RegExp): Promise<{ text: string; keyboard: string }> {
    const found = await pollUntil(() => sentTo(chat).find((message) => pattern.test(message.text ?? '')), 10_000, () => `a message to ${chat} matching ${pattern}`);
    return { text: found.text ?? '', keyboard: JSON.stringify(found.reply_markup ?? null) };
  }

  it.skipIf(backend.skipReason)('a facilitator links, plans a session, the KPM is reminded and answers Hadir mid-conversation, the facilitator sees it', async () => {
    const { staffId } = await facilitatorWithGroup(db);

    // The KPM proves who they are once, so their chat is linked and reachable.
    await say(KPM_CHAT, '1');
    await say(KPM_CHAT, '3673035203789001');
    expect(await say(KPM_CHAT, 'Siti Contoh Rahayu')).toContain('S*** C***** R*****');

    // The facilitator links their chat with the code the dashboard shows.
    const { code } = await issueLinkCode(db.prisma, runtime.linkCodes, staffId, new Date(clock.now()));
    expect(await say(FACILITATOR_CHAT, `DAFTAR ${code}`)).toContain('Bu Rina');
    expect(await say(FACILITATOR_CHAT, 'menu')).toContain('Menu pendamping');
    expect(JSON.stringify(sentTo(FACILITATOR_CHAT).at(-1)!.reply_markup)).toContain('1. Jadwal pendampingan');
    // The same code does not work twice.
    expect(await say(FACILITATOR_CHAT + 1, `DAFTAR ${code}`)).toMatch(/tidak cocok/);

    // Plans a session three days ahead at 10.00 WIB.
    const start = new Date(clock.now() + 3 * 86_400_000);
    start.setUTCHours(3, 0, 0, 0);
    await say(FACILITATOR_CHAT, '1');
    expect(await say(FACILITATOR_CHAT, '1')).toMatch(/judul/i);
    expect(await say(FACILITATOR_CHAT, 'Bimtek pembukuan usaha')).toMatch(/Kapan/);
    expect(await say(FACILITATOR_CHAT, typedWib(start))).toMatch(/Di mana/);
    expect(await say(FACILITATOR_CHAT, 'Balai Desa Sukacontoh')).toContain('1. KUBE Sukacontoh (1 KPM)');
    expect(await say(FACILITATOR_CHAT, '1')).toContain('Kelompok: KUBE Sukacontoh');
    expect(await say(FACILITATOR_CHAT, '1. Simpan dan kirim undangan')).toMatch(/Jadwal tersimpan .* pukul 10\.00 WIB/);

    // The invitation goes out at once.
    await runtime.notices.tick();
    expect((await waitForTextTo(KPM_CHAT, /Undangan pendampingan/)).text).toContain('Balai Desa Sukacontoh');

    // The KPM starts something else (choosing a language) before the reminder comes.
    expect(await say(KPM_CHAT, 'bahasa')).toMatch(/bahasa/i);

    // The day before at 09.00 WIB the reminder comes, with Hadir / Tidak bisa hadir on the keyboard.
    clock.set(new Date(start.getTime() - 25 * 3_600_000 - 5 * 60_000));
    expect(await runtime.notices.tick()).toBe(0);
    clock.set(new Date(start.getTime() - 25 * 3_600_000 + 60_000));
    expect(await runtime.notices.tick()).toBe(1);
    const reminder = await waitForTextTo(KPM_CHAT, /Pengingat pendampingan/);
    expect(reminder.keyboard).toContain('1. Hadir');
    expect(reminder.keyboard).toContain('2. Tidak bisa hadir');

    // A tap on the keyboard sends the label; it reaches the RSVP, not the language question.
    expect(await say(KPM_CHAT, '1. Hadir')).toMatch(/tercatat akan hadir di Bimtek pembukuan usaha/);
    // ... and the conversation is still where it was: "2" now picks English.
    expect(await say(KPM_CHAT, '2')).toMatch(/English/);

    // The facilitator sees the answer and marks attendance.
    await say(FACILITATOR_CHAT, 'menu');
    expect(await say(FACILITATOR_CHAT, '3')).toContain('Bimtek pembukuan usaha');
    const overview = await say(FACILITATOR_CHAT, '1');
    expect(overview).toContain('Diundang 1, menjawab 1, akan hadir 1, hadir 0');
    expect(overview).toContain('1. Siti Contoh Rahayu: akan hadir');
    const marked = await say(FACILITATOR_CHAT, '1', 2);
    expect(marked).toContain('Kehadiran tersimpan (1 KPM)');
    expect(marked).toContain('hadir 1.');

    const invitation = await db.prisma.sessionInvitation.findFirstOrThrow();
    expect(invitation).toMatchObject({ rsvp: 'coming', attended: true });

    // ... and on the dashboard, logged in as the same account.
    await db.prisma.staffUser.update({ where: { id: staffId }, data: { passwordHash: await hashPassword('correct horse battery') } });
    const dashboard = new Hono();
    dashboard.route('/dashboard', createDashboard({ prisma: db.prisma, now: () => new Date(clock.now()) }));
    const browser = new DashboardClient(dashboard);
    expect((await browser.login('pendamping1', 'correct horse battery')).status).toBe(303);
    const list = await (await browser.get('/dashboard/jadwal')).text();
    expect(list).toContain('Bimtek pembukuan usaha');
    const page = await (await browser.get(`/dashboard/jadwal/${invitation.sessionId}`)).text();
    expect(page).toContain('data-counts="1/1/1/1"');
    expect(page).toContain('Akan hadir');
    const actions = (await db.prisma.auditLog.findMany({ where: { staffUserId: staffId }, orderBy: { id: 'asc' } })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['facilitator.link-code', 'facilitator.link', 'session.create', 'session.view', 'session.attendance']));
  }, 180_000); // a whole conversation of two people on PGlite under a loaded machine
});
