import { describe, expect, it } from 'vitest';
import { toFlowEvent } from '../../../flows/kpm-assistant/to-flow-event.js';
import { MENU_IDS_LINKED, MENU_IDS_UNLINKED, VALID_NIK, choiceIdsOf, only, startAssistant } from './harness.js';

/** A chat linked to recipient 42, at the menu. */
function linkedAssistant(fakes: Parameters<typeof startAssistant>[0] = {}) {
  return startAssistant({ ...fakes, input: { recipientId: 42 } });
}

describe('kpm-assistant "hapus data saya"', () => {
  it.each(['hapus data saya', 'Hapus data saya!', 'HAPUS DATA', '/hapus', 'delete my data'])('"%s" is the erase command', (text) => {
    expect(toFlowEvent({ kind: 'text', text })).toEqual({ type: 'ERASE' });
  });

  it('asks first, with numbered Ya/Tidak, and erases nothing yet', async () => {
    const bot = linkedAssistant();
    const reply = only(await bot.say('hapus data saya'));
    expect(reply.keys).toEqual(['erase.confirm', 'erase.what', 'erase.kept', 'erase.choice.yes', 'erase.choice.no']);
    expect(reply.choiceLabels).toEqual(['1. Ya, hapus', '2. Tidak, jangan dihapus']);
    expect(reply.text).toContain('Bapak/Ibu');
    expect(bot.calls.eraseChatData).toEqual([]);
    expect(bot.matches('erasing.confirming')).toBe(true);
  });

  it.each(['1', 'ya', 'Ya, hapus'])('"%s" erases the chat data, unlinks and shows the unlinked menu', async (answer) => {
    const bot = linkedAssistant();
    await bot.say('hapus data saya');
    const reply = only(await bot.say(answer));
    expect(bot.calls.eraseChatData).toEqual([{ channel: 'whatsapp', chatId: '628123456789' }]);
    expect(reply.keys[0]).toBe('erase.done');
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_UNLINKED);
    expect(bot.context().recipientId).toBeNull();
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('a tapped "Ya" button erases too', async () => {
    const bot = linkedAssistant();
    await bot.say('hapus data saya');
    await bot.tap('erase-yes');
    expect(bot.calls.eraseChatData).toHaveLength(1);
  });

  it.each(['2', 'tidak', 'jangan dihapus'])('"%s" cancels: nothing erased, still linked', async (answer) => {
    const bot = linkedAssistant();
    await bot.say('hapus data saya');
    const reply = only(await bot.say(answer));
    expect(reply.keys[0]).toBe('erase.cancelled');
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_LINKED);
    expect(bot.calls.eraseChatData).toEqual([]);
    expect(bot.context().recipientId).toBe(42);
  });

  it('"batal" (a global command) leaves without erasing', async () => {
    const bot = linkedAssistant();
    await bot.say('hapus data saya');
    await bot.say('batal');
    expect(bot.calls.eraseChatData).toEqual([]);
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('an unclear answer asks again for a number and keeps waiting', async () => {
    const bot = linkedAssistant();
    await bot.say('hapus data saya');
    const reply = only(await bot.say('hmm entahlah'));
    expect(reply.keys).toEqual(['common.chooseNumber', 'erase.choice.yes', 'erase.choice.no']);
    expect(bot.matches('erasing.confirming')).toBe(true);
    expect(bot.calls.eraseChatData).toEqual([]);
  });

  it('works in the middle of a verification and forgets the pending NIK', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'need-name' }) } });
    await bot.say('1');
    await bot.say(VALID_NIK);
    expect(bot.context().nik).toBe(VALID_NIK);
    await bot.say('hapus data saya');
    expect(bot.context().nik).toBeNull();
    await bot.say('ya');
    expect(bot.calls.eraseChatData).toHaveLength(1);
  });

  it('a failing erase apologises and leaves the person at the menu, not stuck', async () => {
    const bot = linkedAssistant({
      fakes: {
        eraseChatData: () => {
          throw new Error('database down');
        },
      },
    });
    await bot.say('hapus data saya');
    const reply = only(await bot.say('ya'));
    expect(reply.keys[0]).toBe('common.error');
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('answers in English for an English chat', async () => {
    const bot = startAssistant({ input: { language: 'en', recipientId: 42 } });
    const reply = only(await bot.say('hapus data saya'));
    expect(reply.choiceLabels).toEqual(['1. Yes, erase', '2. No, keep it']);
    expect(only(await bot.say('1')).text).toContain('erased');
  });
});
