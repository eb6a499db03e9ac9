import { describe, expect, it } from 'vitest';
import { toFlowEvent } from '../../../flows/kpm-assistant/to-flow-event.js';
import { MENU_IDS_LINKED, VALID_NIK, choiceIdsOf, only, startAssistant } from './harness.js';

describe('kpm-assistant: BERHENTI / MULAI for reminders and announcements', () => {
  it.each(['BERHENTI', 'stop', 'Berhenti pengingat', '/stop'])('"%s" stops them', (text) => {
    expect(toFlowEvent({ kind: 'text', text })).toMatchObject({ type: 'REMINDERS', on: false });
  });

  it('marks the bare word, which a question may offer as an answer; "berhenti pengingat" never is one', () => {
    expect(toFlowEvent({ kind: 'text', text: 'Berhenti' })).toEqual({ type: 'REMINDERS', on: false, word: 'berhenti' });
    expect(toFlowEvent({ kind: 'text', text: 'STOP' })).toEqual({ type: 'REMINDERS', on: false, word: 'stop' });
    expect(toFlowEvent({ kind: 'text', text: 'berhenti pengingat' })).toEqual({ type: 'REMINDERS', on: false });
  });

  // Waiting states of the assistant and the messages that reach them (the business report has its own tests).
  const STATES: Array<[string, string[], string]> = [
    ['the menu', ['halo'], 'menu'],
    ['asked for the NIK', ['1'], 'verification'],
    ['choosing a language', ['bahasa'], 'choosingLanguage'],
    ['confirming erasure', ['hapus data saya'], 'erasing'],
  ];
  for (const [where, path, state] of STATES) {
    it(`BERHENTI, STOP, "berhenti pengingat" and MULAI all work when ${where}`, async () => {
      for (const [word, optedOut] of [['BERHENTI', true], ['STOP', true], ['berhenti pengingat', true], ['MULAI', false]] as const) {
        const bot = startAssistant({ fakes: { setReminders: () => ({ changed: true }) } });
        for (const text of path) await bot.say(text);
        expect(bot.matches(state), `${word} ${where}`).toBe(true);
        const reply = only(await bot.say(word));
        expect(bot.calls.setReminders, `${word} ${where}`).toEqual([{ channel: 'whatsapp', chatId: '628123456789', optedOut }]);
        expect(reply.keys[0], `${word} ${where}`).toBe(optedOut ? 'reminders.stopped' : 'reminders.resumed');
      }
    });
  }
  it.each(['MULAI', 'mulai pengingat'])('"%s" resumes them', (text) => {
    expect(toFlowEvent({ kind: 'text', text })).toEqual({ type: 'REMINDERS', on: true });
  });

  it('BERHENTI records the choice and says how to resume, in Indonesian and English', async () => {
    const bot = startAssistant({ input: { recipientId: 42 } });
    const reply = only(await bot.say('BERHENTI'));
    expect(bot.calls.setReminders).toEqual([{ channel: 'whatsapp', chatId: '628123456789', optedOut: true }]);
    expect(reply.keys).toEqual(['reminders.stopped']);
    expect(reply.text).toContain('MULAI');
    expect(bot.matches('menu.shown')).toBe(true);

    const english = startAssistant({ input: { recipientId: 42, language: 'en' } });
    expect(only(await english.say('stop')).text).toContain('type MULAI');
  });

  it('works in the middle of a step, and the conversation still works afterwards', async () => {
    const bot = startAssistant();
    await bot.say('1'); // cek kelayakan: asks for the NIK
    only(await bot.say('berhenti'));
    expect(bot.calls.setReminders).toHaveLength(1);
    await bot.say('1');
    const reply = await bot.say(VALID_NIK);
    expect(reply.length).toBeGreaterThan(0);
    expect(bot.calls.verifyIdentity).toHaveLength(1);
  });

  it('MULAI after BERHENTI confirms and shows the menu; from someone who never stopped it is just the menu', async () => {
    const bot = startAssistant({ input: { recipientId: 42 }, fakes: { setReminders: () => ({ changed: true }) } });
    const resumed = only(await bot.say('MULAI'));
    expect(bot.calls.setReminders).toEqual([{ channel: 'whatsapp', chatId: '628123456789', optedOut: false }]);
    expect(resumed.keys[0]).toBe('reminders.resumed');
    expect(choiceIdsOf(resumed)).toEqual(MENU_IDS_LINKED);

    const never = startAssistant({ input: { recipientId: 42 }, fakes: { setReminders: () => ({ changed: false }) } });
    const menu = only(await never.say('mulai'));
    expect(menu.keys).not.toContain('reminders.resumed');
    expect(choiceIdsOf(menu)).toEqual(MENU_IDS_LINKED);
  });
});
