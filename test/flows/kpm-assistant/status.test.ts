import { describe, expect, it } from 'vitest';
import { MENU_IDS_LINKED, STATUS, VALID_NIK, choiceIdsOf, only, startAssistant } from './harness.js';

describe('kpm-assistant status bantuan', () => {
  it('linked chat: the timeline per program with dates, amounts, where, and what comes next', async () => {
    const bot = startAssistant({ input: { recipientId: 42 } });
    const reply = only(await bot.say('2'));
    expect(bot.calls.loadStatus).toEqual([{ channel: 'whatsapp', chatId: '628123456789', recipientId: 42 }]);
    expect(reply.text.split('\n')).toEqual([
      'Status bantuan atas nama S*** A*****:',
      '📌 Program Kewirausahaan Sosial',
      '✓ Stimulan disalurkan, 2 Maret 2021',
      '   Jumlah: Rp500.000',
      '   Lewat: Bank BRI, Unit Cikande',
      '✓ Lolos seleksi modal usaha, 10 Juni 2021',
      '   Catatan: Bimtek 20 Juni',
      'Tahap berikutnya: Modal usaha disalurkan.',
      '📌 Usaha Ekonomi Produktif',
      '✓ Barang diterima, 14 Desember 2020',
      '   Jumlah: Rp2.500.000',
      '   Tempat: Kantor Desa Cikande',
      'Semua tahap sudah selesai.',
      'Jika bantuan yang diterima dipotong atau tidak sesuai, laporkan. Balas 3 (Tanya jawab) untuk kontak pengaduan.',
      'Ada lagi yang bisa dibantu? Balas dengan angka pilihan:',
    ]);
    expect(choiceIdsOf(reply)).toEqual(MENU_IDS_LINKED);
    expect(reply.choiceLabels[2]).toBe('3. Tanya jawab'); // "Balas 3" above points here
    // dates and amounts travel raw; the renderer formats them
    expect(reply.spec.lines.find((line) => line.key === 'status.amount')?.params).toEqual({ amount: 500000 });
    expect(reply.spec.lines.find((line) => line.key === 'status.stage')?.params?.['date']).toBe('2021-03-02');
  });

  it('renders the same status in English', async () => {
    const bot = startAssistant({ input: { recipientId: 42, language: 'en' } });
    const reply = only(await bot.say('status'));
    expect(reply.language).toBe('en');
    expect(reply.text).toContain('✓ Stimulus paid, 2 March 2021');
    expect(reply.text).toContain('   Amount: Rp500.000');
    expect(reply.text).toContain('Next stage: Business capital paid.');
    expect(reply.text).toContain('All stages are complete.');
  });

  it('says so when no program or no stage is recorded', async () => {
    const empty = startAssistant({ input: { recipientId: 42 }, fakes: { loadStatus: () => ({ ...STATUS, programs: [] }) } });
    const none = only(await empty.say('2'));
    expect(none.keys).toContain('status.none');
    // Someone with no program is told how to be proposed, not what to do if their aid was cut.
    expect(none.keys).toContain('summary.noProgramHint');
    expect(none.keys).not.toContain('status.report');
    expect(none.text).not.toContain('dipotong');

    const noStage = startAssistant({
      input: { recipientId: 42 },
      fakes: { loadStatus: () => ({ ...STATUS, programs: [{ ...STATUS.programs[0]!, reached: [] }] }) },
    });
    expect(only(await noStage.say('2')).keys).toContain('status.noStage');
  });

  it('unlinked chat: verifies first (intent status), then shows the status without the summary', async () => {
    const bot = startAssistant();
    const ask = only(await bot.say('2'));
    expect(ask.keys[0]).toBe('nik.forStatus');
    expect(bot.context().intent).toBe('status');
    const reply = only(await bot.say(VALID_NIK));
    expect(bot.calls.loadStatus).toEqual([{ channel: 'whatsapp', chatId: '628123456789', recipientId: 42 }]);
    expect(reply.keys[0]).toBe('status.header');
    expect(bot.context()).toMatchObject({ recipientId: 42, nik: null, intent: null });
    expect(bot.matches('menu.shown')).toBe(true);
  });

  it('after "cek kelayakan", "2" gives the status without verifying again', async () => {
    const bot = startAssistant();
    await bot.say('1');
    await bot.say(VALID_NIK);
    const reply = only(await bot.say('2'));
    expect(reply.keys[0]).toBe('status.header');
    expect(bot.calls.verifyIdentity).toHaveLength(1);
    expect(bot.calls.verificationGate).toHaveLength(1);
  });

  it('a stale link verifies again and then shows the status', async () => {
    let linked = true;
    const bot = startAssistant({
      input: { recipientId: 7 },
      fakes: {
        loadStatus: (input) => (input.recipientId === 7 && linked ? null : STATUS),
      },
    });
    const ask = only(await bot.say('2'));
    linked = false;
    expect(ask.keys[0]).toBe('nik.forStatus');
    expect(only(await bot.say(VALID_NIK)).keys[0]).toBe('status.header');
    expect(bot.calls.loadStatus.map((call) => call.recipientId)).toEqual([7, 42]);
  });

  it('a failing load apologises and returns to the menu', async () => {
    const bot = startAssistant({ input: { recipientId: 42 }, fakes: { loadStatus: () => Promise.reject(new Error('timeout')) } });
    const reply = only(await bot.say('2'));
    expect(reply.keys[0]).toBe('common.error');
    expect(bot.matches('menu.shown')).toBe(true);
  });
});
