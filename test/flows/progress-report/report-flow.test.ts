import { describe, expect, it } from 'vitest';
import { NOVEMBER, OCTOBER, ONE_PROGRAM, PROKUS, startReport, UEP } from './harness.js';

/** Answers up to the summary for a running UEP business. */
async function answerRunning(report: Awaited<ReturnType<typeof startReport>>, options: { photos?: boolean } = {}) {
  await report.say('1'); // masih jalan
  await report.say('1,5 juta');
  await report.say('Rp 500rb');
  await report.say('2 keluarga 1 dibayar');
  await report.say('1'); // peralatan masih dipakai semua
  if (options.photos) {
    await report.photo('telegram:file:one');
    await report.say('selesai');
  } else {
    await report.say('lewati');
  }
  await report.say('Butuh etalase baru');
}

describe('progress report flow', () => {
  it('asks one thing at a time and sends a running business’s report with a photo', async () => {
    const report = await startReport();
    expect(report.last().keys).toEqual(['progress:start.intro', 'progress:ask.status', 'progress:choice.status.running', 'progress:choice.status.paused', 'progress:choice.status.stopped']);
    expect(report.last().choiceLabels).toEqual(['1. Masih jalan', '2. Tutup sementara', '3. Berhenti']);
    expect((await report.say('masih jalan'))[0]!.keys).toContain('progress:ask.sales');
    expect((await report.say('1,5 juta'))[0]!.keys).toContain('progress:ask.profit');
    expect((await report.say('Rp 500rb'))[0]!.keys).toContain('progress:ask.workers');
    expect((await report.say('2 keluarga 1 dibayar'))[0]!.text).toContain('masih dipakai');
    expect((await report.say('1'))[0]!.keys).toContain('progress:ask.photos');
    const afterPhoto = await report.photo('telegram:file:one');
    expect(afterPhoto[0]!.text).toContain('Foto ke-1 sudah diterima');
    expect(report.calls.storePhoto).toEqual([{ channel: 'telegram', chatId: '42', recipientId: 7, mediaRef: 'telegram:file:one', position: 1 }]);
    expect((await report.say('selesai'))[0]!.keys).toContain('progress:ask.problems');
    const summary = (await report.say('Butuh etalase baru'))[0]!;
    expect(summary.text).toContain('Ringkasan laporan UEP, November 2026:');
    expect(summary.text).toContain('Omzet bulan lalu: Rp1.500.000');
    expect(summary.text).toContain('Keuntungan bersih: Rp500.000');
    expect(summary.text).toContain('Pekerja: 2 keluarga, 1 dibayar');
    expect(summary.text).toContain('Barang bantuan: masih dipakai semua');
    expect(summary.text).toContain('Foto: 1');
    expect(summary.text).toContain('Kendala: Butuh etalase baru');
    expect(summary.choiceLabels).toEqual(['1. Kirim', '2. Ubah jawaban', '3. Batalkan']);
    await report.say('1');
    expect(report.calls.submitReport).toEqual([{
      channel: 'telegram', chatId: '42', recipientId: 7, programCode: 'UEP', period: '2026-11', late: false,
      businessStatus: 'running', stopReason: null, stopNote: null, salesAmount: 1_500_000, profitAmount: 500_000,
      familyWorkers: 2, paidWorkers: 1, equipmentUse: 'all-used', problems: 'Butuh etalase baru',
      photos: [{ position: 1, mediaKey: 'local:1', thumbnailKey: 'local:t1', mimeType: 'image/jpeg', width: 800, height: 600, byteSize: 40_000 }],
    }]);
    expect(report.done()).toBe(true);
    expect(report.output()).toEqual({ outcome: 'sent', lead: [{ key: 'progress:thanks', params: { reference: 'LU-7K3QXD' } }] });
  });

  it('changes an answer at the summary and comes back to the summary', async () => {
    const report = await startReport();
    await answerRunning(report);
    const change = (await report.say('2'))[0]!;
    expect(change.keys[0]).toBe('progress:ask.change');
    expect(change.choiceLabels).toContain('2. Omzet');
    expect((await report.say('omzet'))[0]!.keys).toContain('progress:ask.sales');
    const summary = (await report.say('2 juta'))[0]!;
    expect(summary.keys).toContain('progress:ask.confirm');
    expect(summary.text).toContain('Omzet bulan lalu: Rp2.000.000');
    expect(summary.text).toContain('Keuntungan bersih: Rp500.000');
    await report.say('kirim');
    expect(report.calls.submitReport[0]).toMatchObject({ salesAmount: 2_000_000, profitAmount: 500_000, problems: 'Butuh etalase baru' });
  });

  it('changing the status to closed drops the figures; back to running asks them again', async () => {
    const report = await startReport();
    await answerRunning(report);
    await report.say('ubah');
    await report.say('1'); // status
    expect((await report.say('tutup sementara'))[0]!.keys).toContain('progress:ask.stopReasonPaused');
    await report.say('sakit');
    const summary = (await report.say('lewati'))[0]!;
    expect(summary.text).toContain('Usaha: tutup sementara');
    expect(summary.text).not.toContain('Omzet');
    await report.say('1');
    expect(report.calls.submitReport[0]).toMatchObject({ businessStatus: 'paused', stopReason: 'sick', salesAmount: null, profitAmount: null, photos: [], problems: null });
  });

  it('photos skipped: the report goes without them', async () => {
    const report = await startReport();
    await answerRunning(report, { photos: false });
    expect(report.last().text).toContain('Foto: tidak ada');
    await report.say('1');
    expect(report.calls.storePhoto).toEqual([]);
    expect(report.calls.submitReport[0]!.photos).toEqual([]);
  });

  it('takes three photos at most, then moves on by itself', async () => {
    const report = await startReport();
    for (const answer of ['1', '1jt', '200rb', '0', '1']) await report.say(answer);
    await report.photo('a');
    await report.photo('b');
    const third = await report.photo('c');
    expect(third[0]!.keys).toEqual(['progress:photosEnough', 'progress:ask.problems', 'progress:hint.skip']);
    expect(report.calls.storePhoto.map((call) => call.position)).toEqual([1, 2, 3]);
  });

  it('a photo that cannot be kept is explained and asked for again', async () => {
    const report = await startReport({ storePhoto: () => ({ ok: false, reason: 'too-large' }) });
    for (const answer of ['1', '1jt', '200rb', '0', '1']) await report.say(answer);
    const reply = (await report.photo('big'))[0]!;
    expect(reply.keys.slice(0, 2)).toEqual(['progress:photoFailed.too-large', 'progress:ask.photos']);
    expect(report.step()).toBe('photos');
  });

  it('a photo before its question is not lost in a wrong answer: it is explained', async () => {
    const report = await startReport();
    const reply = (await report.photo('early'))[0]!;
    expect(reply.keys.slice(0, 2)).toEqual(['progress:photoNotNow', 'progress:ask.status']);
    expect(report.calls.storePhoto).toEqual([]);
  });

  it('business stopped: why (free text), the rest skipped', async () => {
    const report = await startReport();
    expect((await report.say('3'))[0]!.choiceLabels).toEqual([
      '1. Kehabisan modal', '2. Sepi pembeli', '3. Sakit', '4. Urusan keluarga', '5. Bencana', '6. Lainnya',
    ]);
    const summary = (await report.say('Warungnya kena gusur'))[0]!;
    expect(summary.text).toContain('Usaha: berhenti');
    expect(summary.text).toContain('Alasan: lainnya');
    expect(summary.text).toContain('Cerita: Warungnya kena gusur');
    await report.say('1');
    expect(report.calls.submitReport[0]).toMatchObject({
      businessStatus: 'stopped', stopReason: 'other', stopNote: 'Warungnya kena gusur', salesAmount: null, equipmentUse: null,
    });
  });

  it('business closed for now: a reason by number, then an optional note', async () => {
    const report = await startReport();
    await report.say('2');
    expect((await report.say('1'))[0]!.keys).toContain('progress:ask.stopNote');
    await report.say('Modal habis buat berobat');
    await report.say('1');
    expect(report.calls.submitReport[0]).toMatchObject({ businessStatus: 'paused', stopReason: 'no-capital', stopNote: 'Modal habis buat berobat' });
  });

  it('an ambiguous figure is asked back with the figures it may mean', async () => {
    const report = await startReport();
    await report.say('1');
    const ask = (await report.say('500'))[0]!;
    expect(ask.keys.slice(0, 2)).toEqual(['progress:money.small-without-unit', 'progress:check.ambiguous']);
    expect(ask.choiceLabels).toEqual(['1. Rp500.000', '2. Rp500']);
    expect((await report.say('1'))[0]!.keys).toContain('progress:ask.profit');
    expect(report.actor.getSnapshot().context.salesAmount).toBe(500_000);
  });

  it('a figure with no number is asked again, saying why', async () => {
    const report = await startReport();
    await report.say('1');
    const reply = (await report.say('lumayan lah'))[0]!;
    expect(reply.keys.slice(0, 2)).toEqual(['progress:money.no-number', 'progress:ask.sales']);
  });

  it('profit above sales is asked about, never refused; "no" asks the figure again', async () => {
    const report = await startReport();
    await report.say('1');
    await report.say('1 juta');
    const check = (await report.say('2 juta'))[0]!;
    expect(check.text).toContain('Keuntungan Rp2.000.000 lebih besar dari omzet Rp1.000.000.');
    expect(check.text).toContain('Apakah benar Rp2.000.000?');
    expect((await report.say('2'))[0]!.keys).toContain('progress:ask.profit');
    await report.say('300rb');
    expect(report.actor.getSnapshot().context.profitAmount).toBe(300_000);
  });

  it('profit above sales may be confirmed as it is', async () => {
    const report = await startReport();
    await report.say('1');
    await report.say('1 juta');
    await report.say('2 juta');
    expect((await report.say('ya'))[0]!.keys).toContain('progress:ask.workers');
    expect(report.actor.getSnapshot().context.profitAmount).toBe(2_000_000);
  });

  it('a figure more than three times last month’s is asked about: "Apakah benar Rp15.000.000?"', async () => {
    const report = await startReport({
      loadReportSetup: () => ({ ...ONE_PROGRAM, previous: { 'UEP:2026-11': { programCode: 'UEP', salesAmount: 4_000_000, profitAmount: 1_000_000 } } }),
    });
    await report.say('1');
    const check = (await report.say('15 juta'))[0]!;
    expect(check.text).toContain('Apakah benar Rp15.000.000?');
    // Typing another figure instead of yes/no answers the question.
    expect((await report.say('13 juta'))[0]!.text).toContain('Apakah benar Rp13.000.000?');
    await report.say('1');
    expect(report.actor.getSnapshot().context.salesAmount).toBe(13_000_000);
    // 2,9 times is not asked about.
    expect((await report.say('2,9 juta'))[0]!.keys).toContain('progress:ask.workers');
  });

  it('a loss is a negative profit; negative sales are asked again', async () => {
    const report = await startReport();
    await report.say('1');
    expect((await report.say('-500rb'))[0]!.keys[0]).toBe('progress:check.salesNegative');
    await report.say('800rb');
    await report.say('rugi 100 ribu');
    expect(report.actor.getSnapshot().context.profitAmount).toBe(-100_000);
  });

  it('workers as a bare number are asked: family or paid?', async () => {
    const report = await startReport();
    for (const answer of ['1', '1jt', '200rb']) await report.say(answer);
    expect((await report.say('3'))[0]!.text).toContain('3 orang itu keluarga sendiri atau pekerja yang dibayar?');
    await report.say('dibayar');
    expect(report.actor.getSnapshot().context).toMatchObject({ familyWorkers: 0, paidWorkers: 3 });
  });

  it('Prokus (cash aid) is not asked about equipment', async () => {
    const report = await startReport({ loadReportSetup: () => ({ programs: [PROKUS], periods: [NOVEMBER], previous: {} }) });
    for (const answer of ['1', '1jt', '200rb', '0']) await report.say(answer);
    expect(report.last().keys).toContain('progress:ask.photos');
  });

  it('two programs: asks which; a late month open for one of them: asks which month', async () => {
    const report = await startReport({
      loadReportSetup: () => ({ programs: [PROKUS, UEP], periods: [NOVEMBER, { ...OCTOBER, reportedPrograms: ['PROKUS'] }], previous: {} }),
    });
    expect(report.last().choiceLabels).toEqual(['1. Prokus', '2. UEP']);
    // October is already reported for Prokus: no month question.
    expect((await report.say('1'))[0]!.keys).toContain('progress:ask.status');
    const other = await startReport({
      loadReportSetup: () => ({ programs: [PROKUS, UEP], periods: [NOVEMBER, { ...OCTOBER, reportedPrograms: ['PROKUS'] }], previous: {} }),
    });
    expect((await other.say('uep'))[0]!.choiceLabels).toEqual(['1. November 2026', '2. Oktober 2026 (terlambat)']);
    await other.say('2');
    expect(other.actor.getSnapshot().context).toMatchObject({ programCode: 'UEP', period: '2026-10', late: true });
  });

  it('a month already reported says the new report replaces it', async () => {
    const report = await startReport({ loadReportSetup: () => ({ ...ONE_PROGRAM, periods: [{ ...NOVEMBER, reportedPrograms: ['UEP'] }] }) });
    expect(report.last().keys[0]).toBe('progress:start.replacing');
  });

  it('a KPM in no business program is told so and the flow ends', async () => {
    const report = await startReport({ loadReportSetup: () => ({ programs: [], periods: [NOVEMBER], previous: {} }) });
    expect(report.done()).toBe(true);
    expect(report.output()).toEqual({ outcome: 'not-enrolled', lead: [{ key: 'progress:notEnrolled' }] });
  });

  it('a failed send keeps every answer and offers the summary again', async () => {
    let fail = true;
    const report = await startReport({
      submitReport: () => {
        if (fail) throw new Error('database down');
        return { reference: 'LU-22ABCD', replaced: true };
      },
    });
    await answerRunning(report);
    const reply = (await report.say('1'))[0]!;
    expect(reply.keys[0]).toBe('progress:submitFailed');
    expect(reply.text).toContain('Omzet bulan lalu: Rp1.500.000');
    fail = false;
    await report.say('1');
    expect(report.output()).toEqual({
      outcome: 'sent',
      lead: [{ key: 'progress:thanks', params: { reference: 'LU-22ABCD' } }, { key: 'progress:replaced' }],
    });
  });

  it('"bantuan" mid-report explains how to answer and asks the same question again', async () => {
    const report = await startReport();
    await report.say('1');
    const help = (await report.send({ type: 'HELP' }))[0]!;
    expect(help.keys.slice(0, 2)).toEqual(['progress:help', 'progress:ask.sales']);
    expect(report.step()).toBe('sales');
  });

  it('after the idle timeout the answers are kept and the KPM is asked whether to go on', async () => {
    const report = await startReport();
    await report.say('1');
    await report.say('1,5 juta');
    expect(await report.send({ type: 'IDLE_RESET' })).toEqual([]);
    const resume = (await report.say('2 juta'))[0]!;
    expect(resume.keys[0]).toBe('progress:ask.resume');
    expect(resume.text).toContain('belum terkirim');
    expect((await report.say('lanjut'))[0]!.keys).toContain('progress:ask.profit');
    expect(report.actor.getSnapshot().context.salesAmount).toBe(1_500_000);
  });

  it('after the idle timeout "batal" ends it unsent, saying so', async () => {
    const report = await startReport();
    await report.say('1');
    await report.send({ type: 'IDLE_RESET' });
    await report.say('2');
    expect(report.output()).toEqual({ outcome: 'cancelled', lead: [{ key: 'progress:cancelled' }] });
    expect(report.calls.submitReport).toEqual([]);
  });

  it('speaks English when the chat does', async () => {
    const report = await startReport({}, { language: 'en' });
    expect(report.last().text).toContain('Is your business still running?');
    await report.say('still running');
    expect((await report.say('1,5 juta'))[0]!.text).toContain('net profit');
  });
});
