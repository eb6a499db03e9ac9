import { describe, expect, it } from 'vitest';
import type { VerifyIdentityInput, VerifyIdentityOutput } from '../../../flows/kpm-assistant/contract.js';
import { MENU_IDS_LINKED, MENU_IDS_UNLINKED, SUMMARY, VALID_NIK, choiceIdsOf, only, startAssistant } from './harness.js';

/** A verifier like the real one: phone factor fails, name "Siti Aminah" passes. */
function nameVerifier(input: VerifyIdentityInput): VerifyIdentityOutput {
  if (input.name === undefined) return { outcome: 'need-name' };
  return input.name === 'Siti Aminah' ? { outcome: 'verified', summary: SUMMARY } : { outcome: 'rejected', attemptsLeft: 2 };
}

describe('kpm-assistant answers everyday messages briefly', () => {
  it.each([
    ['terima kasih', 'smallTalk.thanks', 'Sama-sama'],
    ['Makasih ya kak', 'smallTalk.thanks', 'Sama-sama'],
    ['ok', 'smallTalk.yes', 'Baik.'],
    ['ya', 'smallTalk.yes', 'Baik.'],
    ['tidak', 'smallTalk.no', 'tidak apa-apa'],
  ])('"%s" at the menu gets a short fitting answer, not "belum memahami" and the whole menu', async (text, key, words) => {
    const bot = startAssistant();
    await bot.say('halo');
    const reply = only(await bot.say(text));
    expect(reply.keys).toEqual([key, 'smallTalk.menuHint']);
    expect(reply.text).toContain(words);
    expect(reply.choiceLabels).toEqual([]);
    expect(bot.calls.verificationGate).toHaveLength(0);
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('"assalamualaikum" returns the salam, then the welcome and the menu', async () => {
    const bot = startAssistant();
    const reply = only(await bot.say('Assalamualaikum'));
    expect(reply.keys.slice(0, 2)).toEqual(['menu.salam', 'menu.greeting']);
    expect(reply.text.split('\n')[0]).toBe('Waalaikumsalam warahmatullahi wabarakatuh.');
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_UNLINKED);
  });

  it('"batal" says what was cancelled, and at the menu that nothing was under way', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: nameVerifier } });
    await bot.say('1');
    await bot.say(VALID_NIK);
    const cancelled = only(await bot.say('batal'));
    expect(cancelled.keys[0]).toBe('menu.cancelled');
    expect(cancelled.text).toContain('sudah dibatalkan');
    expect(bot.context()).toMatchObject({ nik: null, intent: null });
    expect(bot.matches('menu.shown')).toBe(true);

    const nothing = only(await bot.say('batal'));
    expect(nothing.keys[0]).toBe('menu.nothingToCancel');
    expect(choiceIdsOf(nothing)).toEqual(MENU_IDS_UNLINKED);
  });

  it('"ok" or "terima kasih" while the name is asked is not taken as a name', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: nameVerifier } });
    await bot.say('1');
    await bot.say(VALID_NIK);
    expect(only(await bot.say('ok')).keys).toEqual(['smallTalk.yes', 'name.ask']);
    expect(only(await bot.say('terima kasih')).keys).toEqual(['smallTalk.thanks', 'name.ask']);
    expect(bot.calls.verifyIdentity).toHaveLength(1);
    expect(bot.matches('verification.askingName')).toBe(true);
  });

  it('"ok" while the NIK is asked is not counted as a wrong NIK', async () => {
    const bot = startAssistant();
    await bot.say('1');
    expect(only(await bot.say('ok')).keys).toEqual(['smallTalk.yes', 'nik.retype']);
    expect(bot.context().failedNikEntries).toBe(0);
  });
});

describe('kpm-assistant points to the right place for what it cannot do', () => {
  it.each([
    ['mau lapor bantuan disunat', 'topic.report', 'tidak boleh dipotong'],
    ['kartu KKS hilang', 'topic.lostCard', 'bank penyalur'],
    ['kapan jadwal pendampingan', 'topic.schedule', 'pendamping atau TKSK'],
    ['nomor pendamping saya', 'topic.facilitator', 'kantor desa/kelurahan'],
    ['saya mau daftar bansos', 'topic.register', 'DTKS'],
  ])('"%s": a pointer with the contact, not "belum memahami"', async (text, key, words) => {
    const bot = startAssistant();
    await bot.say('halo');
    const reply = only(await bot.say(text));
    expect(reply.keys[0]).toBe(key);
    expect(reply.keys).not.toContain('menu.unknown');
    expect(reply.text).toContain(words);
    expect(reply.text).toContain('📞 Dinas Sosial Kabupaten Serang');
    expect(reply.text).toContain('WhatsApp: 0811-0000-9002');
    expect(bot.calls.loadContact).toEqual([{ channel: 'whatsapp', chatId: '628123456789', recipientId: null }]);
    expect(bot.calls.verificationGate).toHaveLength(0);
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_UNLINKED);
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('registering explains being proposed through the village, and how to check instead', async () => {
    const bot = startAssistant();
    const reply = only(await bot.say('saya mau daftar bansos'));
    expect(reply.text).toContain('kantor desa/kelurahan');
    expect(reply.text).toContain('musyawarah desa/kelurahan');
    expect(reply.text).toContain('balas 1');
  });

  it('"apakah saya sudah terdaftar" is still the eligibility check', async () => {
    const bot = startAssistant();
    await bot.say('apakah saya sudah terdaftar');
    expect(bot.calls.verificationGate).toHaveLength(1);
  });

  it('a linked chat is given its own regency\'s contact (asked with its link)', async () => {
    const bot = startAssistant({ input: { recipientId: 42 } });
    const reply = only(await bot.say('mau lapor bantuan disunat'));
    expect(bot.calls.loadContact).toEqual([{ channel: 'whatsapp', chatId: '628123456789', recipientId: 42 }]);
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_LINKED);
  });

  it('a report typed while the NIK is asked is answered, not read as a wrong NIK', async () => {
    const bot = startAssistant();
    await bot.say('1');
    const reply = only(await bot.say('mau lapor bantuan disunat'));
    expect(reply.keys[0]).toBe('topic.report');
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('the FAQ names the contact; without one (or when it cannot be read) it still answers', async () => {
    const withContact = startAssistant();
    const faq = only(await withContact.say('bantuan'));
    expect(faq.keys).toContain('help.contact');
    expect(faq.text).toContain('Telepon: 0254-000-0002');
    expect(faq.text).toContain('Alamat: Jl. Contoh No. 2, Serang');

    const failing = startAssistant({ fakes: { loadContact: () => Promise.reject(new Error('db down')) } });
    const fallback = only(await failing.say('bantuan'));
    expect(fallback.keys[0]).toBe('help.title');
    expect(fallback.keys).toContain('contact.none');
  });
});

describe('kpm-assistant reads the NIK and the name the way people type them', () => {
  it.each(['NIK saya 3604011508850001', 'nik saya: 3604 0115 0885 0001', 'ini NIK ibu saya 3604011508850001 kak'])(
    '"%s" at the menu is read as the NIK',
    async (text) => {
      const bot = startAssistant();
      await bot.say('halo');
      await bot.say(text);
      expect(bot.calls.verifyIdentity).toEqual([{ channel: 'whatsapp', chatId: '628123456789', nik: VALID_NIK, recipientId: null }]);
    },
  );

  it('"NIK saya ..." while the NIK is asked is read as the NIK', async () => {
    const bot = startAssistant();
    await bot.say('1');
    await bot.say('NIK saya 3604011508850001');
    expect(bot.calls.verifyIdentity[0]?.nik).toBe(VALID_NIK);
  });

  it('the NIK typed where the name is asked: says it is the NIK and asks for the name', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: nameVerifier } });
    await bot.say('1');
    await bot.say(VALID_NIK);
    const reply = only(await bot.say(VALID_NIK));
    expect(reply.keys[0]).toBe('name.isNik');
    expect(reply.text).toContain('Itu NIK');
    expect(reply.text).toContain('ketik nama lengkap');
    expect(bot.calls.verifyIdentity).toHaveLength(1);
    expect(bot.matches('verification.askingName')).toBe(true);
    expect(only(await bot.say('Siti Aminah')).keys[0]).toBe('summary.verified');
  });

  it('a linked chat can check another NIK (a family member) without "keluar" first', async () => {
    const other = { ...SUMMARY, recipientId: 77 };
    const bot = startAssistant({
      input: { recipientId: 42 },
      fakes: { verifyIdentity: (input) => (input.name === undefined ? { outcome: 'need-name' } : { outcome: 'verified', summary: other }) },
    });
    const ask = only(await bot.say('3673035203789001'));
    expect(bot.calls.verificationGate).toEqual([{ channel: 'whatsapp', chatId: '628123456789', recipientId: 42 }]);
    expect(ask.keys[0]).toBe('name.ask');
    const reply = only(await bot.say('Siti Contoh Rahayu'));
    expect(bot.calls.verifyIdentity.map((call) => call.nik)).toEqual(['3673035203789001', '3673035203789001']);
    expect(reply.keys[0]).toBe('summary.verified');
    expect(bot.context().recipientId).toBe(77);
  });
});
