import { describe, expect, it } from 'vitest';
import { MENU_IDS_LINKED, MENU_IDS_UNLINKED, choiceIdsOf, only, startAssistant } from './harness.js';

describe('kpm-assistant menu', () => {
  it('greets a new chat with the numbered menu, whatever the first words are', async () => {
    const bot = startAssistant();
    expect(bot.replies).toEqual([]); // starting the actor says nothing by itself
    const reply = only(await bot.say('apa ini?'));
    expect(reply.keys.slice(0, 2)).toEqual(['menu.greeting', 'menu.prompt']);
    expect(reply.choiceLabels).toEqual(['1. Cek data bansos saya', '2. Status bantuan', '3. Tanya jawab', '4. Ganti bahasa (Language)']);
    expect(bot.matches('menu.shown')).toBe(true);
    expect(bot.missingKeys).toEqual([]);
  });

  it.each(['halo', 'Halo kak', 'selamat pagi bu', 'P', '/start', 'menu', 'Mulai'])(
    'shows the menu for "%s"',
    async (text) => {
      const bot = startAssistant();
      const reply = only(await bot.say(text));
      expect(reply.keys[0]).toBe('menu.greeting');
      expect(choiceIdsOf(reply)).toEqual(MENU_IDS_UNLINKED);
    },
  );

  it('answers unknown input after the menu was shown with an apology and the menu again', async () => {
    const bot = startAssistant();
    await bot.say('halo');
    const reply = only(await bot.say('kapan cair ya bu, sudah lama'));
    // "cair" is a status word: it is understood, not unknown
    expect(bot.calls.verificationGate).toHaveLength(1);
    expect(reply.keys[0]).toBe('nik.forStatus');

    const other = startAssistant();
    await other.say('halo');
    const unknown = only(await other.say('xyz'));
    expect(unknown.keys[0]).toBe('menu.unknown');
    expect(choiceIdsOf(unknown)).toEqual(MENU_IDS_UNLINKED);
  });

  it.each([
    ['1', 'nik.forEligibility'],
    ['satu', 'nik.forEligibility'],
    ['1.', 'nik.forEligibility'],
    ['no 1', 'nik.forEligibility'],
    ['cek', 'nik.forEligibility'],
    ['Cek NIK', 'nik.forEligibility'],
    ['kelayakan', 'nik.forEligibility'],
    ['2', 'nik.forStatus'],
    ['dua', 'nik.forStatus'],
    ['status', 'nik.forStatus'],
    ['cek status', 'nik.forStatus'],
    ['Status bantuan', 'nik.forStatus'],
  ])('reads "%s" at the menu as the right choice', async (text, firstKey) => {
    const bot = startAssistant();
    await bot.say('halo');
    const reply = only(await bot.say(text));
    expect(reply.keys[0]).toBe(firstKey);
    expect(bot.matches('verification.askingNik')).toBe(true);
  });

  it.each([['3'], ['tiga'], ['faq'], ['bantuan'], ['help']])('opens the FAQ for "%s"', async (text) => {
    const bot = startAssistant();
    await bot.say('halo');
    const reply = only(await bot.say(text));
    expect(reply.keys).toContain('help.privacy');
    expect(reply.text).toContain('PIN');
    expect(reply.text).toContain('disunat');
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_UNLINKED);
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it.each([['4'], ['empat'], ['bahasa'], ['ganti bahasa']])('asks for the language for "%s"', async (text) => {
    const bot = startAssistant();
    await bot.say('halo');
    const reply = only(await bot.say(text));
    expect(reply.keys).toEqual(['language.ask', 'language.choice.id', 'language.choice.en']);
    expect(reply.choiceLabels).toEqual(['1. Bahasa Indonesia', '2. English']);
  });

  it('takes button taps (CHOICE) like typed numbers', async () => {
    const bot = startAssistant();
    await bot.say('halo');
    const reply = only(await bot.tap('status'));
    expect(reply.keys[0]).toBe('nik.forStatus');
  });

  it('offers "5 keluar" only to a linked chat, and "5" means nothing otherwise', async () => {
    const linked = startAssistant({ input: { recipientId: 42 } });
    expect(choiceIdsOf(only(await linked.say('halo')))).toEqual(MENU_IDS_LINKED);
    expect(linked.last().choiceLabels[4]).toBe('5. Keluar (putuskan chat ini dari data saya)');

    const unlinked = startAssistant();
    await unlinked.say('halo');
    expect(only(await unlinked.say('5')).keys[0]).toBe('menu.unknown');
  });

  it('takes a NIK typed straight at the menu as "cek kelayakan" with that NIK', async () => {
    const bot = startAssistant();
    await bot.say('halo');
    const reply = only(await bot.say('3604 0115 0885 0001'));
    expect(bot.calls.verificationGate).toHaveLength(1);
    expect(bot.calls.verifyIdentity).toEqual([{ channel: 'whatsapp', chatId: '628123456789', nik: '3604011508850001', recipientId: null }]);
    expect(reply.keys).toContain('summary.title');
  });
});
