import { describe, expect, it } from 'vitest';
import type { VerifyIdentityInput, VerifyIdentityOutput } from '../../../flows/kpm-assistant/contract.js';
import { CONTACT, MENU_IDS_UNLINKED, SUMMARY, UNTIL, VALID_NIK, choiceIdsOf, only, startAssistant } from './harness.js';

const KK = '3604010101109101';

/** Name checks on the NIK are slowed (failures from other chats); the KK number still works. */
function slowedVerifier(input: VerifyIdentityInput): VerifyIdentityOutput {
  if (input.kk !== undefined) return input.kk === KK ? { outcome: 'verified', summary: SUMMARY } : { outcome: 'rejected', attemptsLeft: 2 };
  return { outcome: 'slowed', until: UNTIL };
}

describe('kpm-assistant when name checks on a NIK are slowed', () => {
  it('says what happened (maybe other chats), when names work again, and takes the KK number now', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: slowedVerifier } });
    await bot.say('1');
    const slowed = only(await bot.say(VALID_NIK));
    expect(slowed.keys).toEqual(['verify.slowed', 'verify.slowedUntil', 'kk.ask', 'common.menuHint']);
    expect(slowed.text).toContain('bisa jadi dari chat lain');
    expect(slowed.text).toContain('mulai 28 November 2026 pukul 09.15 WIB');
    expect(slowed.text).toContain('16 angka No. KK');
    // Not "locked", not "dari chat ini": this chat did nothing wrong.
    expect(slowed.keys).not.toContain('verify.locked');
    expect(bot.matches('verification.askingKk')).toBe(true);
    expect(bot.context().nik).toBe(VALID_NIK);

    const verified = only(await bot.say('KK 3604 0101 0110 9101'));
    expect(bot.calls.verifyIdentity[1]).toEqual({ channel: 'whatsapp', chatId: '628123456789', nik: VALID_NIK, recipientId: null, kk: KK });
    expect(verified.keys[0]).toBe('summary.verified');
    expect(bot.context()).toMatchObject({ recipientId: 42, nik: null });
    // The KK number is read from the message, never kept.
    expect(JSON.stringify(bot.actor.getPersistedSnapshot())).not.toContain(KK);
  });

  it('a wrong KK number is rejected like a wrong name, counted for this chat only', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: slowedVerifier } });
    await bot.say('1');
    await bot.say(VALID_NIK);
    const rejected = only(await bot.say('3604010101109999'));
    expect(rejected.keys.slice(0, 2)).toEqual(['verify.rejected', 'verify.checkAgain']);
    expect(rejected.text).toContain('Sisa percobaan dari chat ini: 2 kali');
  });

  it('asks again for something that is not a KK number, without calling the verifier', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: slowedVerifier } });
    await bot.say('1');
    await bot.say(VALID_NIK);
    expect(only(await bot.say('Siti Aminah')).keys[0]).toBe('kk.invalid');
    expect(only(await bot.say('12345')).keys[0]).toBe('kk.invalid');
    expect(bot.calls.verifyIdentity).toHaveLength(1);
    expect(bot.matches('verification.askingKk')).toBe(true);
  });

  it('slowed after the name was typed: the same offer of the KK number', async () => {
    let calls = 0;
    const bot = startAssistant({
      fakes: { verifyIdentity: () => (++calls === 1 ? { outcome: 'need-name' } : { outcome: 'slowed', until: UNTIL }) },
    });
    await bot.say('1');
    await bot.say(VALID_NIK);
    const reply = only(await bot.say('Siti Aminah'));
    expect(reply.keys[0]).toBe('verify.slowed');
    expect(bot.matches('verification.askingKk')).toBe(true);
  });

  it('the chat lock says it is this chat, until when, and whom to contact', async () => {
    const bot = startAssistant({ fakes: { verifyIdentity: () => ({ outcome: 'locked', until: '2026-11-28T10:15+08:00', contact: CONTACT }) } });
    await bot.say('1');
    const reply = only(await bot.say(VALID_NIK));
    expect(reply.text).toContain('pengecekan dari chat ini');
    expect(reply.text).toContain('mulai 28 November 2026 pukul 10.15 WITA');
    expect(reply.text).toContain('Dinas Sosial Kabupaten Serang');
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_UNLINKED);
  });

  it('the lock message without a contact still points somewhere, and reads in English', async () => {
    const bot = startAssistant({ input: { language: 'en' }, fakes: { verificationGate: () => ({ locked: true, until: UNTIL, contact: null }) } });
    const reply = only(await bot.say('1'));
    expect(reply.text).toContain('You can try again from 28 November 2026 at 09:15 WIB.');
    expect(reply.keys).toContain('contact.none');
  });
});
