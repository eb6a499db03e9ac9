import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import type { ReplySpec } from '../../flows/facilitator/contract.js';
import type { TurnScope } from '../../src/engine/flow-binding.js';
import { createFacilitatorEffects } from '../../src/facilitators/facilitator-effects.js';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { renderReply } from '../../src/i18n/render-reply.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import type { Prisma } from '../../src/storage/generated/client.js';
import { backends, type TestDatabase } from '../support/backends.js';

const t = createTranslator();
// 27 November 2026, 10.00 WIB.
const NOW = new Date('2026-11-27T03:00:00Z');

/**
 * The facilitator chat's *Rekap laporan* effect over the database: it finds the account from the
 * chat's link, shows only that facilitator's groups, and audits the view with the chat.
 */
for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`facilitator effect reportRecap on ${backend.kind}`, () => {
    let db: TestDatabase;
    const staff: Record<string, number> = {};

    beforeAll(async () => {
      db = await backend.open();
      await seedDemoData(db);
      const recipient = (nik: string) => db.prisma.recipient.findUniqueOrThrow({ where: { nik } });
      const siti = await recipient('3673035203789001');
      const nurhayati = await recipient('3673056111829003');
      const imas = await recipient('3602015009849019');
      for (const username of ['rina', 'budi']) {
        staff[username] = (await db.prisma.staffUser.create({ data: { username, displayName: username, role: 'facilitator', passwordHash: 'not-used-here' } })).id;
      }
      await db.prisma.kpmGroup.create({
        data: { name: 'KUBE Mawar', programCode: 'UEP', regency: siti.regency, members: { create: [{ recipientId: siti.id }, { recipientId: nurhayati.id }] }, facilitators: { create: [{ staffUserId: staff.rina! }] } },
      });
      await db.prisma.kpmGroup.create({
        data: { name: 'KUBE Melati', programCode: 'PROKUS', regency: imas.regency, members: { create: [{ recipientId: imas.id }] }, facilitators: { create: [{ staffUserId: staff.budi! }] } },
      });
      await db.prisma.businessReport.create({
        data: { reference: 'LU-RECAP-1', recipientId: siti.id, programCode: 'UEP', period: new Date('2026-11-01T00:00:00Z'), businessStatus: 'running', channel: 'telegram', submittedAt: new Date('2026-11-06T03:00:00Z') },
      });
      await db.prisma.facilitatorChat.create({ data: { channel: 'telegram', chatId: '700', staffUserId: staff.rina!, linkedAt: NOW } });
      await db.prisma.facilitatorChat.create({ data: { channel: 'whatsapp', chatId: '62800', staffUserId: staff.budi!, linkedAt: NOW } });
    }, 180_000);
    afterAll(async () => {
      await db?.dispose();
    });

    /** Runs the effect for a chat inside one transaction, as a turn does, and renders its reply. */
    async function recapFor(channel: string, chatId: string): Promise<string> {
      const spec = await db.prisma.$transaction(async (tx: Prisma.TransactionClient) => {
        const scope = { tx, emit: () => undefined, forgetSender: () => undefined } as unknown as TurnScope;
        const effects = createFacilitatorEffects({ reminderOffsets: [], translate: t, now: () => NOW }, scope);
        const actor = createActor(effects.reportRecap, { input: { channel, chatId } });
        actor.start();
        return (await toPromise(actor)) as ReplySpec;
      });
      const content = renderReply(spec, 'id', t);
      return content.kind === 'text' ? content.text : '';
    }

    it("shows a facilitator only their own groups, with who has not reported, and audits it with the chat", async () => {
      const rina = await recapFor('telegram', '700');
      expect(rina).toContain('Rekap laporan usaha bulan November 2026');
      expect(rina).toContain('KUBE Mawar');
      expect(rina).toContain('Nurhayati Contoh');
      expect(rina).not.toContain('Siti');
      expect(rina).not.toContain('KUBE Melati');
      expect(rina).not.toContain('Imas');

      const budi = await recapFor('whatsapp', '62800');
      expect(budi).toContain('KUBE Melati');
      expect(budi).toContain('Imas Contoh Masitoh');
      expect(budi).not.toContain('KUBE Mawar');
      expect(budi).not.toContain('Nurhayati');

      const entries = await db.prisma.auditLog.findMany({ where: { action: 'staff.view.business-reports' }, orderBy: { id: 'asc' } });
      expect(entries.map((e) => [e.staffUserId, e.channel, e.chatId])).toEqual([
        [staff.rina, 'telegram', '700'],
        [staff.budi, 'whatsapp', '62800'],
      ]);
    });

    it('reaches nothing from a chat that is not linked (or no longer)', async () => {
      await expect(recapFor('telegram', '999')).rejects.toThrow(/not linked/);
      await db.prisma.facilitatorChat.delete({ where: { channel_chatId: { channel: 'telegram', chatId: '700' } } });
      await expect(recapFor('telegram', '700')).rejects.toThrow(/not linked/);
      expect(await db.prisma.auditLog.count({ where: { action: 'staff.view.business-reports' } })).toBe(2);
    });
  });
}
