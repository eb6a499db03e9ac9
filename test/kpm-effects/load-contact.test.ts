import { createActor, toPromise } from 'xstate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBatchReads, type BatchReads } from '../../src/engine/batch-reads.js';
import { defaultAttemptLimits } from '../../src/kpm-effects/attempt-limits.js';
import { createKpmEffects } from '../../src/kpm-effects/create-kpm-effects.js';
import type { Prisma } from '../../src/storage/generated/client.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { BUDI, effectsOn, seedKpm, SITI } from './effects-harness.js';

const chat = { channel: 'telegram' as const, chatId: 'c1' };

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`loadContact on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
    });
    afterEach(async () => {
      await db.dispose();
    });

    it('gives a linked KPM their regency\'s contact, anyone else the province\'s', async () => {
      await seedKpm(db);
      const effects = effectsOn(db);
      const siti = await db.prisma.recipient.findUniqueOrThrow({ where: { nik: SITI.nik } });
      const budi = await db.prisma.recipient.findUniqueOrThrow({ where: { nik: BUDI.nik } });
      // Imported as "KOTA SERANG": areas match whatever their case.
      expect(await effects.run('loadContact', { ...chat, recipientId: siti.id })).toEqual({
        name: 'Dinas Sosial Kota Serang',
        phone: '(0254) 000-001',
        whatsapp: null,
        address: 'Jl. Contoh No. 2',
      });
      const province = { name: 'Dinas Sosial Provinsi Banten', phone: '0254-000-0000', whatsapp: '0811-0000-9000', address: 'Jl. Contoh Raya No. 1' };
      expect(await effects.run('loadContact', { ...chat, recipientId: null })).toEqual(province);
      // Kabupaten Lebak has no contact of its own: the province's.
      expect(await effects.run('loadContact', { ...chat, recipientId: budi.id })).toEqual(province);
    });

    it('reads an area\'s contact once per batch: a change shows from the next batch on', async () => {
      await seedKpm(db);
      const load = (tx: Prisma.TransactionClient, reads: BatchReads | undefined) =>
        toPromise(
          createActor(
            createKpmEffects({ nikHashSecret: 's', limits: defaultAttemptLimits }, { tx, message: { ...chat, externalId: 'x', content: { kind: 'text', text: 'bantuan' } }, emit: () => {}, forgetSender: () => {}, ...(reads ? { reads } : {}) }).loadContact,
            { input: { ...chat, recipientId: null } },
          ).start(),
        );
      const seen = await db.prisma.$transaction(async (tx) => {
        const reads = createBatchReads();
        const first = await load(tx, reads);
        await tx.contact.update({ where: { area: 'provinsi' }, data: { name: 'Dinas Sosial Banten (baru)' } });
        // Same batch: the value read first; on its own (no shared reads): the table as it is.
        return { first, again: await load(tx, reads), alone: await load(tx, undefined), nextBatch: await load(tx, createBatchReads()) };
      });
      expect(seen.first?.name).toBe('Dinas Sosial Provinsi Banten');
      expect(seen.again?.name).toBe('Dinas Sosial Provinsi Banten');
      expect(seen.alone?.name).toBe('Dinas Sosial Banten (baru)');
      expect(seen.nextBatch?.name).toBe('Dinas Sosial Banten (baru)');
    });

    it('is null when the operator has imported no contact', async () => {
      await seedKpm(db, { contacts: false });
      expect(await effectsOn(db).run('loadContact', { ...chat, recipientId: null })).toBeNull();
    });
  });
}
