import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueLinkCode } from '../../src/facilitators/link-codes.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { backends, type TestDatabase } from '../support/backends.js';
import type { GraphMessage } from '../support/graph-api-stand-in.js';
import { startCloudRuntime, textOf, type CloudRuntime } from '../channels/whatsapp-cloud/cloud-runtime.js';
import { buttonReply, textMessage, type WebhookMessageJson } from '../channels/whatsapp-cloud/fake-payloads.js';
import { facilitatorWithGroup, steppedClock, tomorrowAtTenWib, typedWib } from '../mentoring/sessions-fixture.js';

/** Demo recipient Siti's registered phone: the phone factor verifies her right after the NIK. */
const KPM = '6281200000001';
const FACILITATOR = '6281377770001';

/**
 * Mentoring sessions over the WhatsApp Cloud API, end to end: signed webhook posts to the real
 * route, the real engine and flows, replies read at the Graph API stand-in. The KPM taps the
 * *Hadir* reply button; its id carries the session.
 */
describe.each(backends)('mentoring sessions over WhatsApp Cloud on $kind', (backend) => {
  let db: TestDatabase;
  let cloud: CloudRuntime;
  // Tomorrow 10.00 WIB: daytime whenever the suite runs (quiet hours hold proactive messages at night),
  // and after every real message's arrival time.
  const clock = steppedClock(tomorrowAtTenWib());

  beforeEach(async () => {
    if (backend.skipReason) return;
    clock.set(tomorrowAtTenWib());
    db = await backend.open();
    await seedDemoData(db);
    cloud = await startCloudRuntime(db, { clock });
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await cloud.stop();
    await db.dispose();
  });

  /** One message from `from`; resolves with the replies up to the first that satisfies `done` (default: any). */
  async function turn(from: string, message: WebhookMessageJson, done: (reply: GraphMessage) => boolean = () => true): Promise<GraphMessage[]> {
    const after = cloud.standIn.messagesTo(from).length;
    expect(await cloud.write(message)).toBe(200);
    return cloud.repliesTo(from, after, done);
  }
  const say = async (from: string, text: string) => textOf(await turn(from, textMessage(from, text)));

  it.skipIf(backend.skipReason)('a facilitator links and plans, the KPM taps Hadir on the reminder, the facilitator sees it', async () => {
    const { staffId } = await facilitatorWithGroup(db);
    // Siti links her chat: the phone WhatsApp vouches for is her second factor.
    await say(KPM, '1');
    expect(await say(KPM, '3673035203789001')).toContain('S*** C***** R*****');

    const { code } = await issueLinkCode(db.prisma, cloud.runtime.linkCodes, staffId, new Date(clock.now()));
    expect(await say(FACILITATOR, 'daftar 999999')).toMatch(/tidak cocok/);
    expect(await say(FACILITATOR, `Daftar ${code.slice(0, 3)} ${code.slice(3)}`)).toContain('Bu Rina');
    const menu = await turn(FACILITATOR, textMessage(FACILITATOR, 'menu'));
    expect(menu.at(-1)!.buttons?.join('|')).toContain('1. Jadwal pendampingan');

    const start = new Date(clock.now() + 2 * 86_400_000);
    start.setUTCHours(7, 30, 0, 0); // 14.30 WIB
    for (const text of ['1', '1', 'Pelatihan pemasaran', typedWib(start), 'https://meet.example/abc', '1']) await say(FACILITATOR, text);
    expect(textOf(await turn(FACILITATOR, buttonReply(FACILITATOR, 'fac:1', '1. Simpan dan kirim undangan')))).toMatch(/pukul 14\.30 WIB/);

    await cloud.runtime.notices.tick();
    // Two hours before the start the reminder carries the two reply buttons; the day-before one,
    // overdue by now, is not sent on top of it.
    clock.set(new Date(start.getTime() - 2 * 3_600_000));
    expect(await cloud.runtime.notices.tick()).toBe(2);
    const reminder = await cloud.standIn.waitForMessage(KPM, (message) => /Pengingat pendampingan/.test(message.text ?? ''));
    expect(reminder.interactive).toBe('button');
    expect(reminder.buttons).toEqual(['1. Hadir', '2. Tidak bisa hadir']);
    expect(cloud.standIn.messagesTo(KPM).filter((message) => /Pengingat/.test(message.text ?? ''))).toHaveLength(1);
    const ids = JSON.stringify(reminder.body);
    const session = await db.prisma.mentoringSession.findFirstOrThrow();
    expect(ids).toContain(`rsvp:${session.id}:yes`);

    expect(textOf(await turn(KPM, buttonReply(KPM, `rsvp:${session.id}:yes`, '1. Hadir')))).toMatch(/tercatat akan hadir di Pelatihan pemasaran/);
    // Changed mind: the words work as well.
    expect(await say(KPM, 'tidak bisa hadir')).toMatch(/tidak bisa hadir di Pelatihan pemasaran/);
    expect(await say(KPM, 'hadir')).toMatch(/akan hadir/);

    await say(FACILITATOR, 'menu');
    await say(FACILITATOR, '3');
    const overview = await say(FACILITATOR, '1');
    expect(overview).toContain('akan hadir 1');
    expect(overview).toContain('Siti Contoh Rahayu: akan hadir');
    expect(await db.prisma.sessionInvitation.findFirstOrThrow()).toMatchObject({ rsvp: 'coming', promptChannel: 'whatsapp-cloud' });
  }, 180_000); // a whole conversation of two people on PGlite under a loaded machine
});
