import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../support/backends.js';
import { BUDI, effectsOn, HOUR, MINUTE, seedKpm, SITI } from './effects-harness.js';

const chat = (n: number) => ({ channel: 'telegram' as const, chatId: `chat-${n}`, recipientId: null });
const OWNER = { channel: 'whatsapp' as const, chatId: '6281200000001@s.whatsapp.net', recipientId: null };

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`verification limits on ${backend.kind}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await backend.open();
      await seedKpm(db);
    });
    afterEach(async () => {
      await db.dispose();
    });

    it('a stranger who knows the NIK cannot lock the owner out: names are slowed, phone and KK still work', async () => {
      const effects = effectsOn(db);
      // Four strangers' chats, two wrong names each: eight failures on Siti's NIK.
      for (let n = 1; n <= 4; n++) {
        for (let i = 0; i < 2; i++) {
          const result = await effects.run('verifyIdentity', { ...chat(n), nik: SITI.nik, name: 'Orang Lain' });
          expect(result.outcome === 'rejected' || result.outcome === 'slowed').toBe(true);
        }
      }
      // The owner on Telegram (no phone vouched for): not "locked", but name checks slowed, with when.
      const owner = { ...chat(9) };
      const slowed = await effects.run('verifyIdentity', { ...owner, nik: SITI.nik });
      expect(slowed).toMatchObject({ outcome: 'slowed' });
      // The owner's own chat was never charged for the strangers' failures.
      expect(await effects.run('verificationGate', owner)).toEqual({ locked: false });
      // Typing the right name now is refused without being checked (and without costing an attempt).
      expect(await effects.run('verifyIdentity', { ...owner, nik: SITI.nik, name: SITI.name })).toMatchObject({ outcome: 'slowed' });
      // The KK number works at once.
      const byKk = await effects.run('verifyIdentity', { ...owner, nik: SITI.nik, kk: SITI.kk });
      expect(byKk).toMatchObject({ outcome: 'verified', summary: { maskedName: 'W**** C***** 1' } });
      // On WhatsApp the vouched phone works at once too.
      const byPhone = await effects.run('verifyIdentity', { ...OWNER, nik: SITI.nik }, { phone: '6281200000001' });
      expect(byPhone.outcome).toBe('verified');
      const audit = await db.prisma.auditLog.findMany({ where: { action: 'link' }, orderBy: { id: 'asc' } });
      expect(audit.map((entry) => entry.details)).toEqual([{ factor: 'kk' }, { factor: 'phone' }]);
    });

    it('shows this chat its own attempts only, however many other chats failed on the NIK', async () => {
      const effects = effectsOn(db);
      for (let n = 1; n <= 4; n++) await effects.run('verifyIdentity', { ...chat(n), nik: SITI.nik, name: 'Orang Lain' });
      // Before: "Sisa percobaan: 1" (or a lock) because the NIK's failures were counted in.
      expect(await effects.run('verifyIdentity', { ...chat(9), nik: SITI.nik, name: 'Salah Nama' })).toEqual({ outcome: 'rejected', attemptsLeft: 2 });
    });

    it('locks a chat after three failures until the oldest leaves the 24 hours, said in WIB, with the provincial contact', async () => {
      const effects = effectsOn(db, new Date('2026-11-27T01:00:00Z'));
      const mine = chat(1);
      expect(await effects.run('verifyIdentity', { ...mine, nik: SITI.nik, name: 'Salah Satu' })).toEqual({ outcome: 'rejected', attemptsLeft: 2 });
      effects.advance(10 * MINUTE);
      expect(await effects.run('verifyIdentity', { ...mine, nik: BUDI.nik, name: 'Salah Dua' })).toEqual({ outcome: 'rejected', attemptsLeft: 1 });
      effects.advance(10 * MINUTE);
      const locked = await effects.run('verifyIdentity', { ...mine, nik: SITI.nik, name: 'Salah Tiga' });
      // 01:00 UTC + 24 h = 08:00 WIB the next day.
      expect(locked).toEqual({
        outcome: 'locked',
        until: '2026-11-28T08:00+07:00',
        contact: { name: 'Dinas Sosial Provinsi Banten', phone: '0254-000-0000', whatsapp: '0811-0000-9000', address: 'Jl. Contoh Raya No. 1' },
      });
      expect(await effects.run('verificationGate', mine)).toMatchObject({ locked: true, until: '2026-11-28T08:00+07:00' });
      // Another chat is not affected.
      expect(await effects.run('verificationGate', chat(2))).toEqual({ locked: false });

      effects.advance(24 * HOUR - 20 * MINUTE);
      expect(await effects.run('verificationGate', mine)).toEqual({ locked: false });
    });

    it('a linked chat locked while checking a family member is shown its own regency\'s contact', async () => {
      const effects = effectsOn(db);
      const siti = await db.prisma.recipient.findUniqueOrThrow({ where: { nik: SITI.nik } });
      const linked = { ...chat(5), recipientId: siti.id };
      for (let i = 0; i < 3; i++) await effects.run('verifyIdentity', { ...linked, nik: BUDI.nik, name: 'Salah' });
      const gate = await effects.run('verificationGate', linked);
      expect(gate).toMatchObject({ locked: true, contact: { name: 'Dinas Sosial Kota Serang', phone: '(0254) 000-001', whatsapp: null } });
    });

    it('slows name checks on a NIK with growing delays, and the same for a NIK that does not exist', async () => {
      const effects = effectsOn(db, new Date('2026-11-27T01:00:00Z'));
      const unknownNik = '3673031205809099';
      for (const nik of [SITI.nik, unknownNik]) {
        for (let n = 1; n <= 5; n++) await effects.run('verifyIdentity', { ...chat(n), nik, name: 'Orang Lain' });
      }
      // Five failures: the next name check waits 15 minutes after the last failure.
      const first = await effects.run('verifyIdentity', { ...chat(20), nik: SITI.nik });
      expect(first).toEqual({ outcome: 'slowed', until: '2026-11-27T08:15+07:00' });
      // Nothing tells an unknown NIK apart.
      expect(await effects.run('verifyIdentity', { ...chat(20), nik: unknownNik })).toEqual(first);

      effects.advance(15 * MINUTE);
      expect(await effects.run('verifyIdentity', { ...chat(20), nik: SITI.nik })).toEqual({ outcome: 'need-name' });
      expect(await effects.run('verifyIdentity', { ...chat(20), nik: SITI.nik, name: 'Orang Lain' })).toMatchObject({ outcome: 'rejected' });
      // Six failures: 30 minutes now.
      expect(await effects.run('verifyIdentity', { ...chat(21), nik: SITI.nik })).toEqual({ outcome: 'slowed', until: '2026-11-27T08:45+07:00' });
      // After the wait the owner's name is accepted.
      effects.advance(30 * MINUTE);
      expect((await effects.run('verifyIdentity', { ...chat(21), nik: SITI.nik, name: SITI.name })).outcome).toBe('verified');
    });

    it('a wrong KK number counts against the chat like a wrong name', async () => {
      const effects = effectsOn(db);
      expect(await effects.run('verifyIdentity', { ...chat(1), nik: SITI.nik, kk: BUDI.kk })).toEqual({ outcome: 'rejected', attemptsLeft: 2 });
      expect(await effects.run('verifyIdentity', { ...chat(1), nik: BUDI.nik, kk: BUDI.kk })).toMatchObject({ outcome: 'verified' });
    });
  });
}
