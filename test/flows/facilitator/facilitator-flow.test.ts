import { describe, expect, it } from 'vitest';
import { readDateTime, readNumbers } from '../../../flows/facilitator/read-input.js';
import { createTranslator } from '../../../src/i18n/create-translator.js';
import { renderReply } from '../../../src/i18n/render-reply.js';
import { facilitatorHarness } from './harness.js';

describe('facilitator flow', () => {
  it('plans a session step by step and sends it to the effect in the group\'s wall-clock time', async () => {
    const flow = facilitatorHarness();
    expect(await flow.say('menu')).toContain('1. Jadwal pendampingan');
    expect(await flow.say('1')).toContain('1. Buat jadwal baru');
    expect(await flow.say('1')).toMatch(/judul/);
    expect(await flow.say('Bimtek pembukuan')).toMatch(/Kapan/);
    expect(await flow.say('31-11-2026 10.00')).toMatch(/belum terbaca/); // no 31 November
    expect(await flow.say('1 Desember 2026 jam 10.00')).toMatch(/Di mana/);
    const groups = await flow.say('Balai Desa');
    expect(groups).toContain('1. KUBE Mawar (12 KPM)');
    expect(groups).toContain('2. KUBE Melati (9 KPM)');
    expect(await flow.say('3')).toMatch(/nomor kelompok/);
    const check = await flow.say('1,2');
    expect(check).toContain('Kelompok: KUBE Mawar, KUBE Melati');
    expect(check).toContain('1 Desember 2026 pukul 10:00');
    expect(await flow.say('fac:1', 'choice')).toContain('Jadwal tersimpan untuk 1 Desember 2026 pukul 10.00 WIB');
    expect(flow.calls.find((call) => call.effect === 'createSession')?.input).toEqual({
      channel: 'telegram', chatId: '77', title: 'Bimtek pembukuan', startsLocal: '2026-12-01T10:00', place: 'Balai Desa', groupIds: [11, 12],
    });
  });

  it('asks for the time again when the effect finds it in the past, keeping the rest', async () => {
    let tries = 0;
    const flow = facilitatorHarness({ createSession: () => (++tries === 1 ? { ok: false, problem: 'in-past' } : { ok: true, when: '2026-12-05T08:00+07:00' }) });
    for (const text of ['1', '1', 'Bimtek', '1-1-2020 10.00', 'Balai', '1']) await flow.say(text);
    expect(await flow.say('1')).toMatch(/sudah lewat/);
    expect(await flow.say('5-12-2026 08.00')).toContain('Jadwal tersimpan');
    const inputs = flow.calls.filter((call) => call.effect === 'createSession').map((call) => call.input as { startsLocal: string; title: string });
    expect(inputs.map((input) => input.startsLocal)).toEqual(['2020-01-01T10:00', '2026-12-05T08:00']);
    expect(inputs[1]!.title).toBe('Bimtek');
  });

  it('reschedules and cancels a picked session', async () => {
    const flow = facilitatorHarness();
    await flow.say('1');
    expect(await flow.say('3')).toContain('1. Bimtek pembukuan');
    expect(await flow.say('2')).toMatch(/satu nomor jadwal/);
    expect(await flow.say('1')).toMatch(/tanggal dan jam yang baru/);
    expect(await flow.say('2-12-2026 09.00')).toContain('Jadwal dipindah ke 2 Desember 2026 pukul 09.00 WIB');
    expect(flow.calls.at(-1)).toEqual({ effect: 'rescheduleSession', input: { channel: 'telegram', chatId: '77', sessionId: 7, startsLocal: '2026-12-02T09:00' } });
    await flow.say('4');
    expect(await flow.say('1')).toMatch(/Batalkan Bimtek pembukuan/);
    expect(await flow.say('1')).toContain('Jadwal dibatalkan');
    expect(flow.calls.at(-1)).toEqual({ effect: 'cancelSession', input: { channel: 'telegram', chatId: '77', sessionId: 7 } });
  });

  it('shows answers and marks attendance by numbers', async () => {
    const flow = facilitatorHarness();
    await flow.say('3');
    const overview = await flow.say('1');
    expect(overview).toContain('Diundang 2, menjawab 1, akan hadir 1, hadir 0');
    expect(overview).toContain('1. Siti Contoh: akan hadir');
    expect(overview).toContain('2. Nurhayati Contoh: belum menjawab');
    // Names are shown, never kept in the stored conversation.
    expect(JSON.stringify(flow.actor.getPersistedSnapshot())).not.toContain('Siti');
    expect(await flow.say('1, 5')).toMatch(/nomor KPM di atas/);
    expect(await flow.say('semua')).toContain('Kehadiran tersimpan (2 KPM)');
    expect(flow.calls.find((call) => call.effect === 'markAttendance')?.input).toEqual({ channel: 'telegram', chatId: '77', sessionId: 7, present: [101, 102] });
  });

  it('previews an announcement\'s reach and sends only after confirmation', async () => {
    const flow = facilitatorHarness();
    await flow.say('2');
    expect(await flow.say('1,2')).toMatch(/nomor kelompok/); // one group at a time
    expect(await flow.say('2')).toMatch(/isi pengumuman/);
    const preview = await flow.say('Besok bawa buku kas.');
    expect(preview).toContain('sampai ke 10 KPM');
    expect(preview).toContain('2 belum pernah chat');
    expect(flow.calls.some((call) => call.effect === 'sendAnnouncement')).toBe(false);
    expect(await flow.say('1')).toContain('antrean untuk 10 KPM');
    expect(JSON.stringify(flow.actor.getPersistedSnapshot())).not.toContain('buku kas');
    expect(flow.calls.at(-1)).toEqual({ effect: 'sendAnnouncement', input: { channel: 'telegram', chatId: '77', groupId: 12, text: 'Besok bawa buku kas.' } });
  });

  it('"batal" returns to the menu from any step, and Keluar unlinks the chat', async () => {
    const flow = facilitatorHarness();
    await flow.say('1');
    await flow.say('1');
    expect(await flow.say('batal')).toContain('Dibatalkan');
    expect(flow.state()).toBe('menu');
    expect(await flow.say('5')).toMatch(/tidak lagi terhubung/);
    expect(flow.calls.at(-1)?.effect).toBe('unlinkChat');
  });
});

describe('facilitator flow: Rekap laporan', () => {
  it('is on the menu, shows the effect\'s recap for this chat, then the menu again, keeping no names', async () => {
    const flow = facilitatorHarness();
    expect(await flow.say('menu')).toContain('4. Rekap laporan');
    const recap = await flow.say('4');
    expect(recap).toContain('Rekap laporan usaha bulan November 2026');
    expect(recap).toContain('KUBE Mawar');
    expect(recap).toContain('Siti Contoh, Nurhayati Contoh');
    expect(recap).toContain('Menu pendamping');
    expect(flow.state()).toBe('menu');
    expect(flow.calls.at(-1)).toEqual({ effect: 'reportRecap', input: { channel: 'telegram', chatId: '77' } });
    expect(JSON.stringify(flow.actor.getPersistedSnapshot())).not.toContain('Siti');
    // From the menu the choices still work as before.
    expect(await flow.say('1')).toContain('1. Buat jadwal baru');
  });

  it('answers a failed recap with the error message and the menu', async () => {
    const flow = facilitatorHarness({
      reportRecap: () => {
        throw new Error('database gone');
      },
    });
    await flow.say('menu');
    expect(await flow.say('4')).toMatch(/maaf/i);
    expect(flow.state()).toBe('menu');
  });
});

describe('facilitator input', () => {
  it('reads dates as people type them and refuses impossible ones', () => {
    expect(readDateTime('5-12-2026 14.30')).toBe('2026-12-05T14:30');
    expect(readDateTime('05/12/2026 14:30 WIB')).toBe('2026-12-05T14:30');
    expect(readDateTime('5 desember 2026 pukul 8.00')).toBe('2026-12-05T08:00');
    expect(readDateTime('29-2-2026 10.00')).toBeNull();
    expect(readDateTime('5-12-2026 24.00')).toBeNull();
    expect(readDateTime('besok')).toBeNull();
  });

  it('reads lists of numbers within range', () => {
    expect(readNumbers('1, 3 4', 5)).toEqual([1, 3, 4]);
    expect(readNumbers('2-4', 5)).toEqual([2, 3, 4]);
    expect(readNumbers('semua', 3)).toEqual([1, 2, 3]);
    expect(readNumbers('6', 5)).toBeNull();
    expect(readNumbers('1 dan 2', 5)).toBeNull();
  });
});

describe('facilitator flow: language', () => {
  it('"english" from any step switches the replies to English at the menu; "bahasa indonesia" switches back', async () => {
    const t = createTranslator();
    const flow = facilitatorHarness();
    await flow.say('1');
    await flow.say('1');
    await flow.say('english');
    expect(flow.state()).toBe('menu');
    expect(flow.actor.getSnapshot().context.language).toBe('en');
    const english = renderReply(flow.replies.at(-1)!, 'en', t);
    expect(english.kind === 'text' && english.text).toMatch(/I will reply in English[\s\S]*Facilitator menu/);
    await flow.say('Bahasa Indonesia');
    expect(flow.actor.getSnapshot().context.language).toBe('id');
    expect(flow.replies.at(-1)!.lines[0]).toEqual({ key: 'language.changed' });
  });
});
