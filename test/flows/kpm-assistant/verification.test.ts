import { describe, expect, it } from 'vitest';
import type { VerifyIdentityInput } from '../../../flows/kpm-assistant/contract.js';
import { CONTACT, MENU_IDS_LINKED, MENU_IDS_UNLINKED, SUMMARY, UNTIL, VALID_NIK, choiceIdsOf, only, startAssistant } from './harness.js';

/** A verifier like the real one: phone factor fails, name "Siti Aminah" passes. */
function nameVerifier(input: VerifyIdentityInput) {
  if (input.name === undefined) return { outcome: 'need-name' } as const;
  return input.name === 'Siti Aminah'
    ? ({ outcome: 'verified', summary: SUMMARY } as const)
    : ({ outcome: 'rejected', attemptsLeft: 2 } as const);
}

describe('kpm-assistant verification', () => {
  it('checks the gate before asking for a NIK, and a locked chat gets the lock message and the menu', async () => {
    const bot = startAssistant({ fakes: { verificationGate: () => ({ locked: true, until: UNTIL, contact: CONTACT }) } });
    const reply = only(await bot.say('1'));
    expect(bot.calls.verificationGate).toEqual([{ channel: 'whatsapp', chatId: '628123456789', recipientId: null }]);
    expect(reply.keys.slice(0, 3)).toEqual(['verify.locked', 'verify.lockedUntil', 'verify.lockedHelp']);
    expect(reply.text).toContain('TKSK');
    // When to try again, in local words, and whom to call meanwhile (the operator's contact).
    expect(reply.text).toContain('Bapak/Ibu bisa mencoba lagi mulai 28 November 2026 pukul 09.15 WIB.');
    expect(reply.text).toContain('📞 Dinas Sosial Kabupaten Serang');
    expect(reply.text).toContain('Telepon: 0254-000-0002');
    expect(reply.text).toContain('WhatsApp: 0811-0000-9002');
    expect(reply.text).toContain('Alamat: Jl. Contoh No. 2, Serang');
    expect(reply.text).not.toContain('Anda');
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_UNLINKED);
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('phone factor verified: shows the summary, links the chat, forgets the NIK', async () => {
    const bot = startAssistant();
    await bot.say('1');
    const reply = only(await bot.say(VALID_NIK));
    expect(bot.calls.verifyIdentity).toEqual([{ channel: 'whatsapp', chatId: '628123456789', nik: VALID_NIK, recipientId: null }]);
    expect(reply.keys).toEqual([
      'summary.verified',
      'summary.title',
      'summary.name',
      'summary.address',
      'summary.programs',
      'summary.program',
      'summary.statusHint',
      'menu.next',
      ...MENU_IDS_LINKED.map((id) => `menu.choice.${id}`),
    ]);
    expect(reply.text).toContain('Nama: S*** A*****');
    expect(reply.text).toContain('Alamat: Desa/Kel. Cikande, Kec. Cikande, Kab. Serang');
    expect(reply.text).toContain('• Usaha Ekonomi Produktif: Barang diterima (14 Desember 2020)');
    expect(reply.text).toContain('balas 2');
    expect(reply.choiceLabels[1]).toBe('2. Status bantuan');
    expect(reply.text).not.toContain(VALID_NIK);
    expect(bot.context()).toMatchObject({ recipientId: 42, nik: null, intent: null });
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('says clearly when the family is in no program', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'verified', summary: { ...SUMMARY, enrolments: [] } }) } });
    await bot.say('1');
    const reply = only(await bot.say(VALID_NIK));
    expect(reply.keys).toContain('summary.noProgram');
    expect(reply.keys).toContain('summary.noProgramHint');
    expect(reply.keys).not.toContain('summary.statusHint');
  });

  it('need-name: asks for the full name as on the KTP, then verifies with it (name never kept)', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: nameVerifier } });
    await bot.say('1');
    const ask = only(await bot.say(VALID_NIK));
    expect(ask.keys).toEqual(['name.ask', 'common.menuHint']);
    expect(bot.context().nik).toBe(VALID_NIK); // needed once more, for the name step

    const reply = only(await bot.say('  Siti   Aminah '));
    expect(bot.calls.verifyIdentity[1]).toEqual({ channel: 'whatsapp', chatId: '628123456789', nik: VALID_NIK, recipientId: null, name: 'Siti Aminah' });
    expect(reply.keys[0]).toBe('summary.verified');
    expect(JSON.stringify(bot.actor.getPersistedSnapshot())).not.toContain('Aminah');
    expect(bot.context()).toMatchObject({ recipientId: 42, nik: null });
  });

  it('refuses names with digits or too short without calling the verifier', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: nameVerifier } });
    await bot.say('1');
    await bot.say(VALID_NIK);
    expect(only(await bot.say('Siti 2')).keys[0]).toBe('name.hasDigits');
    expect(only(await bot.say('A')).keys[0]).toBe('name.tooShort');
    expect(bot.calls.verifyIdentity).toHaveLength(1);
    expect(bot.matches('verification.askingName')).toBe(true);
  });

  it('rejected: the same message for an unknown NIK and for a wrong name, with guidance and retry/menu', async () => {
    const unknownNik = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'rejected', attemptsLeft: 2 }) } });
    await unknownNik.say('1');
    const first = only(await unknownNik.say(VALID_NIK));

    const wrongName = startAssistant({ fakes: { verifyIdentity: nameVerifier } });
    await wrongName.say('1');
    await wrongName.say(VALID_NIK);
    const second = only(await wrongName.say('Budi Santoso'));

    expect(second.spec).toEqual(first.spec);
    expect(first.keys).toEqual(['verify.rejected', 'verify.checkAgain', 'verify.notRegistered', 'verify.askFacilitator', 'verify.choice.retry', 'common.choice.menu']);
    expect(first.text).toContain('Sisa percobaan dari chat ini: 2 kali');
    expect(first.text).toContain('desa/kelurahan');
    expect(first.text).toContain('"Usul"');
    expect(first.text).toContain('pendamping atau TKSK');
    expect(first.choiceLabels).toEqual(['1. Coba lagi', '2. Menu utama']);
    for (const bot of [unknownNik, wrongName]) {
      expect(bot.matches('rejected')).toBe(true);
      expect(bot.context().nik).toBeNull();
      expect(bot.context().recipientId).toBeNull();
    }
  });

  it('after a rejection: "1" tries again through the gate, "2" is the menu, a NIK typed is taken', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'rejected', attemptsLeft: 2 }) } });
    await bot.say('1');
    await bot.say(VALID_NIK);
    const retry = only(await bot.say('1'));
    expect(retry.keys[0]).toBe('nik.forEligibility');
    expect(bot.calls.verificationGate).toHaveLength(2);

    await bot.say(VALID_NIK);
    await bot.say(VALID_NIK);
    expect(bot.calls.verificationGate).toHaveLength(3);
    expect(bot.calls.verifyIdentity).toHaveLength(3);

    expect(only(await bot.say('2')).keys[0]).toBe('menu.greeting');
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('rejected with no attempts left: no retry offered, back to the menu', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'rejected', attemptsLeft: 0 }) } });
    await bot.say('1');
    const reply = only(await bot.say(VALID_NIK));
    expect(reply.keys.slice(0, 2)).toEqual(['verify.rejected', 'verify.noAttemptsLeft']);
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_UNLINKED);
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('locked by the verifier: the lock message, NIK forgotten', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'locked', until: UNTIL, contact: CONTACT }) } });
    await bot.say('1');
    const reply = only(await bot.say(VALID_NIK));
    expect(reply.keys[0]).toBe('verify.locked');
    expect(bot.context().nik).toBeNull();
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('an effect that fails: a short apology and the menu, never stuck', async () => {
    for (const fakes of [
      { verificationGate: () => Promise.reject(new Error('db down')) },
      { verifyIdentity: () => Promise.reject(new Error('db down')) },
    ]) {
      const bot = startAssistant({ fakes });
      await bot.say('1');
      const replies = await bot.say(VALID_NIK);
      const reply = replies.at(-1);
      expect(reply?.keys[0]).toBe('common.error');
      expect(reply?.text).toContain('coba lagi');
      expect(bot.matches('menu.shown')).toBe(true);
      expect(bot.context().nik).toBeNull();
      expect(bot.actor.getSnapshot().status).toBe('active');
    }
  });

  it('linked chat: eligibility is loaded without asking the NIK again', async () => {
    const bot = startAssistant({ input: { recipientId: 42 } });
    const reply = only(await bot.say('cek kelayakan'));
    expect(bot.calls.loadEligibility).toEqual([{ channel: 'whatsapp', chatId: '628123456789', recipientId: 42 }]);
    expect(bot.calls.verificationGate).toHaveLength(0);
    expect(reply.keys[0]).toBe('summary.title');
  });

  it('linked chat whose link went stale: verifies again', async () => {
    const bot = startAssistant({ input: { recipientId: 42 }, fakes: { loadEligibility: () => null } });
    const reply = only(await bot.say('1'));
    expect(reply.keys[0]).toBe('nik.forEligibility');
    expect(bot.context().recipientId).toBeNull();
    expect(bot.matches('verification.askingNik')).toBe(true);
  });
});
