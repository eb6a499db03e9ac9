import { describe, expect, it } from 'vitest';
import { VALID_NIK, choiceIdsOf, only, startAssistant } from './harness.js';

async function atNikPrompt() {
  const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'need-name' }) } });
  await bot.say('1');
  expect(bot.matches('verification.askingNik')).toBe(true);
  return bot;
}

describe('kpm-assistant NIK entry', () => {
  it('asks for the 16 digits on the KTP, with the privacy promise and a way back', async () => {
    const bot = startAssistant();
    const reply = only(await bot.say('1'));
    expect(reply.keys).toEqual(['nik.forEligibility', 'nik.ask', 'nik.privacy', 'common.menuHint']);
    expect(reply.text).toContain('16 angka');
    expect(reply.text).toContain('OTP');
    expect(reply.spec.choices).toBeUndefined(); // free input: no numbers to confuse with the NIK
  });

  it.each([
    ['3604abc508850001', 'nik.problem.nonDigit', 'huruf'],
    ['360401150885', 'nik.problem.tooShort', 'baru 12'],
    ['36040115088500011', 'nik.problem.tooLong', 'yang terketik 17'],
    ['9904011508850001', 'nik.problem.unknownProvince', 'salah ketik'],
    ['3604013213850001', 'nik.problem.invalidBirthDate', 'tanggal lahir'],
    ['3604011508850000', 'nik.problem.invalidSerial', '0000'],
  ])('explains what is wrong with %s', async (typed, key, words) => {
    const bot = await atNikPrompt();
    const reply = only(await bot.say(typed));
    expect(reply.keys).toEqual([key, 'nik.retype']);
    expect(reply.text).toContain(words);
    expect(reply.text).not.toContain(typed); // never echo what was typed back
    expect(bot.context().nik).toBeNull();
    expect(bot.calls.verifyIdentity).toHaveLength(0);
    expect(bot.matches('verification.askingNik')).toBe(true);
  });

  it('explains an empty message', async () => {
    const bot = await atNikPrompt();
    expect(only(await bot.say('   ')).keys).toEqual(['nik.problem.empty', 'nik.retype']);
  });

  it('counts the digits for a one-digit answer (someone trying the menu)', async () => {
    const bot = await atNikPrompt();
    expect(only(await bot.say('2')).text).toContain('baru 1.');
  });

  it('forgives spaces, dots and a "NIK:" label', async () => {
    const bot = await atNikPrompt();
    await bot.say('NIK: 3604.0115.0885.0001');
    expect(bot.calls.verifyIdentity).toEqual([{ channel: 'whatsapp', chatId: '628123456789', nik: VALID_NIK, recipientId: null }]);
  });

  it('after three invalid NIKs in a row offers help and the menu instead of asking again', async () => {
    const bot = await atNikPrompt();
    await bot.say('123');
    await bot.say('abc');
    const third = only(await bot.say('12345'));
    expect(third.keys.slice(0, 3)).toEqual(['nik.problem.tooShort', 'nik.trouble.intro', 'nik.trouble.tip']);
    expect(choiceIdsOf(third)).toEqual(['retry', 'help', 'menu']);
    expect(bot.matches('verification.nikTrouble')).toBe(true);

    // "2" here means help, not the menu's "status"
    const help = only(await bot.say('2'));
    expect(help.keys[0]).toBe('help.title');
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('a valid NIK in between resets the count', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'rejected', attemptsLeft: 2 }) } });
    await bot.say('1');
    await bot.say('123');
    await bot.say('456');
    await bot.say(VALID_NIK); // rejected → retry
    await bot.say('1');
    expect(bot.matches('verification.askingNik')).toBe(true);
    await bot.say('789');
    expect(bot.matches('verification.askingNik')).toBe(true);
  });

  it('from the help offer: retry asks again, a NIK typed there is taken, "3" is the menu', async () => {
    const bot = await atNikPrompt();
    for (const text of ['1', '2', '3']) await bot.say(text);
    const retry = only(await bot.say('1'));
    expect(retry.keys[0]).toBe('nik.forEligibility');
    expect(bot.context().failedNikEntries).toBe(0);

    for (const text of ['1', '2', '3']) await bot.say(text);
    await bot.say(VALID_NIK);
    expect(bot.calls.verifyIdentity).toHaveLength(1);
    expect(bot.matches('verification.askingName')).toBe(true);

    const other = await atNikPrompt();
    for (const text of ['1', '2', '3']) await other.say(text);
    expect(only(await other.say('3')).keys[0]).toBe('menu.greeting');
    expect(other.matches('menu.shown')).toBe(true);
  });

  it('at the help offer, another wrong NIK is still explained and unclear text asks for a number', async () => {
    const bot = await atNikPrompt();
    for (const text of ['1', '2', '3']) await bot.say(text);
    expect(only(await bot.say('36040115')).keys[0]).toBe('nik.problem.tooShort');
    expect(only(await bot.say('hmm')).keys).toEqual(['common.chooseNumber', 'nik.trouble.choice.retry', 'nik.trouble.choice.help', 'common.choice.menu']);
  });
});
