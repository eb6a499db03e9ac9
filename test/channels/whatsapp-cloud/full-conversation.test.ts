import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../src/seed/seed-demo-data.js';
import type { GraphMessage } from '../../support/graph-api-stand-in.js';
import { backends, type TestDatabase } from '../../support/backends.js';
import { eventually, startCloudRuntime, textOf, type CloudRuntime } from './cloud-runtime.js';
import { listReply, textMessage, type WebhookMessageJson } from './fake-payloads.js';

/** Demo recipient "Siti Contoh Rahayu", registered phone 0812-0000-0001. */
const NIK = '3673035203789001';
const FULL_NAME = 'Siti Contoh Rahayu';
const MASKED = 'S*** C***** R*****';
const REGISTERED_WA_ID = '6281200000001';
/** Not the registered phone of anyone in the demo data. */
const OTHER_WA_ID = '6281299990001';

const hasChoices = (message: GraphMessage) => message.interactive !== undefined;

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`whatsapp-cloud: a full conversation over the Cloud API on ${backend.kind}`, () => {
    let db: TestDatabase;
    let cloud: CloudRuntime;

    beforeEach(async () => {
      db = await backend.open();
      await seedDemoData(db);
      cloud = await startCloudRuntime(db);
    });
    afterEach(async () => {
      await cloud.stop();
      await db.dispose();
    });

    /** Sends one signed message from `from` and returns the replies up to the one with choices (the turn's end). */
    async function turn(from: string, message: WebhookMessageJson, done: (reply: GraphMessage) => boolean = hasChoices) {
      const before = cloud.standIn.messagesTo(from).length;
      expect(await cloud.write(message)).toBe(200);
      return cloud.repliesTo(from, before, done);
    }

    it('menu → 1 → NIK → name → masked summary → tap 2 → status timeline, from a phone that is not the registered one', async () => {
      const from = OTHER_WA_ID;

      const menu = await turn(from, textMessage(from, 'halo'));
      expect(textOf(menu)).toContain('selamat datang');
      const menuList = menu.at(-1)!;
      expect(menuList.interactive).toBe('list');
      expect(menuList.buttons?.slice(0, 2)).toEqual(['1. Cek data bansos saya', '2. Status bantuan']);

      const askNik = await turn(from, textMessage(from, '1'), (reply) => (reply.text ?? '').includes('NIK'));
      expect(textOf(askNik)).toContain('Silakan ketik NIK Bapak/Ibu');

      const askName = await turn(from, textMessage(from, NIK), (reply) => (reply.text ?? '').includes('nama lengkap'));
      expect(textOf(askName)).toContain('ketik nama lengkap Bapak/Ibu');
      expect(textOf(askName)).not.toContain(NIK);

      const summary = await turn(from, textMessage(from, FULL_NAME));
      const summaryText = textOf(summary);
      expect(summaryText).toContain('identitas Bapak/Ibu sudah cocok');
      expect(summaryText).toContain(`Nama: ${MASKED}`);
      expect(summaryText).toContain('Usaha Ekonomi Produktif (UEP)');
      expect(summaryText).not.toContain(FULL_NAME);
      expect(summaryText).not.toContain(NIK);

      // Tap "2. Status bantuan" in the list that came with the summary: the row id goes back.
      const rows = summary.at(-1)!.body.interactive as { action: { sections: Array<{ rows: Array<{ id: string; title: string }> }> } };
      const statusRow = rows.action.sections[0]!.rows.find((row) => row.title.startsWith('2.'))!;
      const timeline = await turn(from, listReply(from, statusRow.id, statusRow.title));
      const timelineText = textOf(timeline);
      expect(timelineText).toContain(`Status bantuan atas nama ${MASKED}:`);
      expect(timelineText).toContain('✓ Dicairkan, 14 Desember 2020');
      expect(timelineText).toContain('✓ Barang diterima, 14 Oktober 2021');
      expect(timelineText).toContain('Jumlah: Rp2.500.000');
      expect(timelineText).not.toContain(FULL_NAME);
      // Every reply went from the configured business number, within the Cloud API's limits.
      for (const reply of cloud.standIn.messagesTo(from)) {
        expect(reply.phoneNumberId).toBe('106540352242922');
        expect((reply.text ?? '').length).toBeLessThanOrEqual(reply.interactive ? 1024 : 4096);
      }

      const audit = await db.prisma.auditLog.findMany({ where: { chatId: from }, orderBy: { id: 'asc' } });
      expect(audit.map((entry) => [entry.channel, entry.action])).toEqual([
        ['whatsapp-cloud', 'link'],
        ['whatsapp-cloud', 'disclose.eligibility'],
        ['whatsapp-cloud', 'disclose.status'],
      ]);
      expect(audit[0]?.details).toEqual({ factor: 'name' });
      // Each outbound message is recorded with the wamid the Graph API returned (statuses find it by that).
      const sentIds = await eventually(async () => {
        const rows = await db.prisma.outboundMessage.findMany({ where: { channel: 'whatsapp-cloud', chatId: from }, orderBy: { id: 'asc' } });
        return rows.every((row) => row.status === 'sent') ? rows.map((row) => row.externalId) : undefined;
      }, 'every outbound message marked sent');
      const lastOfEachTurn = cloud.standIn.messagesTo(from).filter(hasChoices).map((message) => message.id);
      expect(sentIds.length).toBeGreaterThanOrEqual(5);
      expect(lastOfEachTurn.every((id) => sentIds.includes(id))).toBe(true);
    });

    it('from the registered phone (6281200000001): verified right after the NIK, without asking the name', async () => {
      const from = REGISTERED_WA_ID;
      await turn(from, textMessage(from, 'halo'));
      await turn(from, textMessage(from, '1'), (reply) => (reply.text ?? '').includes('NIK'));

      const verified = await turn(from, textMessage(from, NIK));
      const text = textOf(verified);
      expect(text).toContain('identitas Bapak/Ibu sudah cocok');
      expect(text).toContain(`Nama: ${MASKED}`);
      expect(text).not.toContain('nama lengkap');
      expect(textOf(cloud.standIn.messagesTo(from))).not.toContain('ketik nama lengkap');

      const link = await db.prisma.auditLog.findFirst({ where: { chatId: from, action: 'link' } });
      expect(link).toMatchObject({ channel: 'whatsapp-cloud', details: { factor: 'phone' } });
    });
  });
}
