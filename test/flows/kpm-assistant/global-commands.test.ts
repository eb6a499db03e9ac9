import { describe, expect, it } from 'vitest';
import type { VerificationGateOutput } from '../../../flows/kpm-assistant/contract.js';
import { MENU_IDS_UNLINKED, VALID_NIK, choiceIdsOf, deferred, only, startAssistant } from './harness.js';

describe('kpm-assistant global commands', () => {
  it.each(['menu', 'kembali', 'halo', '/start', 'Mulai'])('"%s" while the NIK is asked returns to the menu', async (text) => {
    const bot = startAssistant();
    await bot.say('1');
    const reply = only(await bot.say(text));
    expect(reply.keys[0]).toBe('menu.greeting');
    expect(bot.matches('menu.shown')).toBe(true);
    expect(bot.context().intent).toBeNull();
  });

  it('MENU at the name step forgets the NIK', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'need-name' }) } });
    await bot.say('2');
    await bot.say(VALID_NIK);
    expect(bot.context().nik).toBe(VALID_NIK);
    await bot.say('batal');
    expect(bot.context()).toMatchObject({ nik: null, intent: null });
  });

  it('HELP at the name step shows the FAQ, forgets the NIK, and the menu works after it', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'need-name' }) } });
    await bot.say('1');
    await bot.say(VALID_NIK);
    const reply = only(await bot.say('bantuan'));
    expect(reply.keys.slice(0, 8)).toEqual(['help.title', 'help.what', 'help.privacy', 'help.erase', 'help.cut', 'help.register', 'help.facilitator', 'help.contact']);
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_UNLINKED);
    expect(bot.context().nik).toBeNull();
    expect(only(await bot.say('1')).keys[0]).toBe('nik.forEligibility');
  });

  it('LANGUAGE in the middle of a step asks for the language; the choice switches and shows the menu', async () => {
    const bot = startAssistant();
    await bot.say('1');
    expect(only(await bot.say('bahasa')).keys[0]).toBe('language.ask');
    const reply = only(await bot.say('2'));
    expect(reply.language).toBe('en');
    expect(reply.text.startsWith('OK, from now on I will reply in English.')).toBe(true);
    expect(reply.choiceLabels[0]).toBe('1. Check my aid record');
    expect(bot.context().language).toBe('en');

    await bot.say('language');
    const back = only(await bot.tap('language-id'));
    expect(back.language).toBe('id');
    expect(back.text).toContain('Bahasa Indonesia');
  });

  it('"english" anywhere switches at once', async () => {
    const bot = startAssistant();
    await bot.say('1');
    const reply = only(await bot.say('English'));
    expect(reply.language).toBe('en');
    expect(reply.keys[0]).toBe('language.changed');
    const ask = only(await bot.say('1'));
    expect(ask.text).toContain('Please type your NIK');
  });

  it('the language question asks again for an answer it cannot place', async () => {
    const bot = startAssistant();
    await bot.say('4');
    expect(only(await bot.say('jawa')).keys[0]).toBe('common.chooseNumber');
    expect(bot.matches('choosingLanguage')).toBe(true);
  });

  it('LOGOUT when linked unlinks, confirms, and the menu no longer offers "keluar"', async () => {
    const bot = startAssistant({ input: { recipientId: 42 } });
    await bot.say('halo');
    const reply = only(await bot.say('5'));
    expect(bot.calls.unlinkChat).toEqual([{ channel: 'whatsapp', chatId: '628123456789' }]);
    expect(reply.keys[0]).toBe('logout.done');
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_UNLINKED);
    expect(bot.context().recipientId).toBeNull();
  });

  it('LOGOUT when not linked says there is nothing to unlink', async () => {
    const bot = startAssistant();
    await bot.say('1');
    const reply = only(await bot.say('keluar'));
    expect(reply.keys[0]).toBe('logout.notLinked');
    expect(bot.calls.unlinkChat).toHaveLength(0);
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('a failing unlink apologises and keeps the link', async () => {
    const bot = startAssistant({ input: { recipientId: 42 }, fakes: { unlinkChat: () => Promise.reject(new Error('x')) } });
    const reply = only(await bot.say('logout'));
    expect(reply.keys[0]).toBe('common.error');
    expect(bot.context().recipientId).toBe(42);
  });

  it('IDLE_RESET mid-step: a short note, NIK forgotten, and the next message starts from a fresh menu', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'need-name' }) } });
    await bot.say('1');
    await bot.say(VALID_NIK);
    const note = only(await bot.send({ type: 'IDLE_RESET' }));
    expect(note.keys).toEqual(['common.sessionRestarted']);
    expect(bot.context()).toMatchObject({ nik: null, intent: null });
    expect(bot.matches('menu.unseen')).toBe(true);
    // the late name is not taken as a name: it gets the greeting and menu
    const reply = only(await bot.say('Siti Aminah'));
    expect(reply.keys[0]).toBe('menu.greeting');
    expect(bot.calls.verifyIdentity).toHaveLength(1);
  });

  it('IDLE_RESET at the menu is silent', async () => {
    const bot = startAssistant();
    await bot.say('halo');
    expect(await bot.send({ type: 'IDLE_RESET' })).toEqual([]);
    expect(bot.matches('menu.unseen')).toBe(true);
  });

  it('a command while an effect is running cancels it and is answered', async () => {
    const pending = deferred<VerificationGateOutput>();
    const bot = startAssistant({ fakes: { verificationGate: () => pending.promise } });
    bot.actor.send({ type: 'TEXT', text: '1' });
    expect(bot.actor.getSnapshot().hasTag('busy')).toBe(true);
    // plain text while busy: asked to wait, nothing lost
    bot.actor.send({ type: 'TEXT', text: 'halo?' });
    expect(bot.last().keys).toEqual(['common.wait']);
    expect(bot.actor.getSnapshot().hasTag('busy')).toBe(true);
    bot.actor.send({ type: 'MENU' });
    expect(bot.actor.getSnapshot().hasTag('busy')).toBe(false);
    pending.resolve({ locked: false });
    await Promise.resolve();
    expect(bot.matches('menu.shown')).toBe(true);
    expect(bot.last().keys[0]).toBe('menu.greeting');
  });

  it.each([
    [{ type: 'IMAGE', mediaRef: 'media/1' } as const, 'unsupported.image'],
    [{ type: 'LOCATION', latitude: -6.1, longitude: 106.1 } as const, 'unsupported.location'],
    [{ type: 'UNSUPPORTED' } as const, 'unsupported.other'],
  ])('%o gets a polite text-only reply and the step continues', async (event, key) => {
    const bot = startAssistant();
    await bot.say('1');
    const reply = only(await bot.send(event));
    expect(reply.keys).toEqual([key, 'unsupported.next']);
    expect(bot.matches('verification.askingNik')).toBe(true);
    await bot.say(VALID_NIK);
    expect(bot.calls.verifyIdentity).toHaveLength(1);
  });

  it('old buttons for global commands work at any step', async () => {
    const bot = startAssistant();
    await bot.say('1');
    expect(only(await bot.tap('help')).keys[0]).toBe('help.title');
    await bot.say('1');
    expect(only(await bot.tap('menu')).keys[0]).toBe('menu.greeting');
    await bot.say('1');
    expect(only(await bot.tap('language-en')).language).toBe('en');
  });

  it('an unrelated button while the NIK is asked asks for the NIK again', async () => {
    const bot = startAssistant();
    await bot.say('1');
    expect(only(await bot.tap('status')).keys).toEqual(['nik.retype']);
  });
});
