import { describe, expect, it } from 'vitest';
import { KPM_ASSISTANT_VERSION, kpmAssistantMachine } from '../../../flows/kpm-assistant/machine.js';
import { SUMMARY, VALID_NIK, only, startAssistant, type Fakes } from './harness.js';

/** What the engine does between two messages: persist, serialise, restore in a new actor. */
function roundTrip(bot: ReturnType<typeof startAssistant>, fakes: Partial<Fakes>) {
  const stored = JSON.stringify(bot.actor.getPersistedSnapshot());
  bot.actor.stop();
  return { stored, bot: startAssistant({ fakes, snapshot: JSON.parse(stored) }) };
}

describe('kpm-assistant persistence', () => {
  it('has the id and version the engine stores beside the snapshot', () => {
    expect(kpmAssistantMachine.id).toBe('kpm-assistant');
    expect(KPM_ASSISTANT_VERSION).toBe(3);
  });

  it('continues a verification across a restore, and the stored snapshot is plain JSON', async () => {
    const fakes: Partial<Fakes> = {
      verifyIdentity: (input) =>
        input.name ? { outcome: 'verified', summary: SUMMARY } : { outcome: 'need-name' },
    };
    const first = startAssistant({ fakes });
    await first.say('1');
    await first.say(VALID_NIK);
    expect(first.matches('verification.askingName')).toBe(true);

    const { stored, bot } = roundTrip(first, fakes);
    expect(JSON.parse(stored)).toMatchObject({ value: { verification: 'askingName' }, status: 'active' });
    expect(bot.matches('verification.askingName')).toBe(true);
    expect(bot.replies).toEqual([]); // restoring re-runs no entry action

    const reply = only(await bot.say('Siti Aminah'));
    expect(reply.keys[0]).toBe('summary.verified');
    expect(bot.calls.verifyIdentity).toEqual([{ channel: 'whatsapp', chatId: '628123456789', nik: VALID_NIK, recipientId: null, name: 'Siti Aminah' }]);

    const { stored: after, bot: later } = roundTrip(bot, fakes);
    expect(after).not.toContain(VALID_NIK); // verification over: the NIK is gone from what is stored
    expect(later.context()).toMatchObject({ recipientId: 42, language: 'id', nik: null });
    expect(only(await later.say('halo')).spec.choices).toHaveLength(6);
  });

  it('keeps the language and the NIK-trouble counter across restores', async () => {
    const first = startAssistant();
    await first.say('english');
    await first.say('1');
    await first.say('123');
    await first.say('456');
    const { bot } = roundTrip(first, {});
    const reply = only(await bot.say('789'));
    expect(reply.language).toBe('en');
    expect(reply.keys).toContain('nik.trouble.intro');
  });

  it('a fresh actor starts from the facts the engine carried (language, linked recipient)', async () => {
    const bot = startAssistant({ input: { language: 'en', recipientId: 42 } });
    const reply = only(await bot.say('1'));
    expect(reply.language).toBe('en');
    expect(reply.keys[0]).toBe('summary.title');
  });
});
