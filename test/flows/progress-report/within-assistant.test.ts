import { describe, expect, it } from 'vitest';
import type { Language, ReplySpec } from '../../../flows/kpm-assistant/contract.js';
import { VALID_NIK, startAssistant, type RecordedReply } from '../kpm-assistant/harness.js';
import { recordReply, reportMachineWithFakes, type ReportFakes } from './harness.js';

/** The KPM assistant with the report flow as its child, both recording into one list of replies. */
function assistantWithReport(options: { linked?: boolean; fakes?: Partial<ReportFakes>; snapshot?: unknown } = {}) {
  const sink: { push?: (spec: ReplySpec, language: Language) => void } = {};
  const child = reportMachineWithFakes(options.fakes, (spec, language) => sink.push?.(spec, language));
  const assistant = startAssistant({
    progressReport: child.machine,
    input: { channel: 'telegram', chatId: '42', recipientId: options.linked === false ? null : 42 },
    ...(options.snapshot ? { snapshot: options.snapshot } : {}),
  });
  sink.push = (spec, language) => assistant.replies.push(recordReply(spec, language, child.missingKeys));
  return { ...assistant, reportCalls: child.calls, reportMachine: child.machine };
}

const keys = (replies: RecordedReply[]) => replies.flatMap((reply) => reply.keys);

describe('the progress report inside the KPM assistant', () => {
  it('is item 6 of a linked chat’s menu, and "lapor usaha" or "laporan" start it too', async () => {
    const assistant = assistantWithReport();
    const menu = await assistant.say('menu');
    expect(menu[0]!.choiceLabels.at(-1)).toBe('6. Lapor perkembangan usaha');
    expect(keys(await assistant.say('6'))).toContain('progress:ask.status');
    expect(assistant.reportCalls.loadReportSetup).toEqual([{ channel: 'telegram', chatId: '42', recipientId: 42 }]);
    expect(assistant.matches('reportingProgress')).toBe(true);
    for (const words of ['lapor usaha', 'Laporan', 'lapor perkembangan usaha']) {
      const other = assistantWithReport();
      expect(keys(await other.say(words)), words).toContain('progress:ask.status');
    }
  });

  it('a complaint ("lapor bantuan disunat") is still a complaint', async () => {
    const assistant = assistantWithReport();
    await assistant.say('lapor bantuan disunat');
    expect(assistant.reportCalls.loadReportSetup).toEqual([]);
  });

  it('an unlinked chat proves who it is first, then goes straight into the report', async () => {
    const assistant = assistantWithReport({ linked: false });
    const ask = await assistant.say('lapor usaha');
    expect(keys(ask)).toContain('nik.ask');
    const after = await assistant.say(VALID_NIK);
    expect(keys(after)).toContain('progress:ask.status');
    expect(assistant.reportCalls.loadReportSetup[0]).toMatchObject({ recipientId: 42 });
  });

  it('a full report ends with the thank-you and its reference, then the menu', async () => {
    const assistant = assistantWithReport();
    await assistant.say('6');
    for (const answer of ['1', '1,5 juta', '500 ribu', '0', '1', 'lewati', 'lewati']) await assistant.say(answer);
    const end = await assistant.say('1');
    expect(end).toHaveLength(1);
    expect(end[0]!.text).toContain('Nomor laporan: LU-7K3QXD');
    expect(end[0]!.keys).toContain('menu.next');
    expect(assistant.matches('menu.shown')).toBe(true);
    expect(assistant.reportCalls.submitReport).toHaveLength(1);
  });

  it('"batal" mid-report: cancelled and not sent, said plainly, then the menu', async () => {
    const assistant = assistantWithReport();
    await assistant.say('6');
    await assistant.say('1');
    const reply = await assistant.say('batal');
    expect(reply[0]!.text).toContain('laporan usaha dibatalkan dan tidak terkirim');
    expect(assistant.matches('menu.shown')).toBe(true);
    expect(assistant.reportCalls.submitReport).toEqual([]);
  });

  it('"menu" mid-report: the KPM is told the report was not sent', async () => {
    const assistant = assistantWithReport();
    await assistant.say('6');
    await assistant.say('1');
    await assistant.say('2 juta');
    const reply = await assistant.say('menu');
    expect(reply[0]!.keys[0]).toBe('progress:notSent');
    expect(reply[0]!.keys).toContain('menu.choice.eligibility');
  });

  it('"bantuan" mid-report stays in the report and repeats the question', async () => {
    const assistant = assistantWithReport();
    await assistant.say('6');
    await assistant.say('1');
    const reply = await assistant.say('bantuan');
    expect(reply[0]!.keys.slice(0, 2)).toEqual(['progress:help', 'progress:ask.sales']);
    expect(assistant.matches('reportingProgress')).toBe(true);
  });

  it('"english" mid-report switches language and repeats the question in it', async () => {
    const assistant = assistantWithReport();
    await assistant.say('6');
    const reply = await assistant.say('english');
    expect(reply[0]!.text).toContain('Is your business still running?');
    expect(assistant.context().language).toBe('en');
  });

  it('"keluar" mid-report says it was not sent, then unlinks', async () => {
    const assistant = assistantWithReport();
    await assistant.say('6');
    const reply = await assistant.say('keluar');
    expect(keys(reply)).toEqual(expect.arrayContaining(['progress:notSent', 'logout.done']));
  });

  it('idle timeout mid-report: the answers are kept and the next message asks whether to go on', async () => {
    const assistant = assistantWithReport();
    await assistant.say('6');
    await assistant.say('1');
    await assistant.say('1,5 juta');
    expect(await assistant.send({ type: 'IDLE_RESET' })).toEqual([]);
    const resume = await assistant.say('500rb');
    expect(resume[0]!.text).toContain('belum selesai dan belum terkirim');
    expect(keys(await assistant.say('1'))).toContain('progress:ask.profit');
  });

  it('a report under way survives a restart: the persisted snapshot carries the child', async () => {
    const first = assistantWithReport();
    await first.say('6');
    await first.say('1');
    await first.say('1,5 juta');
    const persisted = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot()));
    first.actor.stop();
    const second = assistantWithReport({ snapshot: persisted });
    const reply = await second.say('500 ribu');
    expect(keys(reply)).toContain('progress:ask.workers');
    for (const answer of ['0', '1', 'lewati', 'lewati']) await second.say(answer);
    await second.say('1');
    expect(second.reportCalls.submitReport[0]).toMatchObject({ salesAmount: 1_500_000, profitAmount: 500_000 });
  });

  it('"berhenti" or "stop" typed at "is the business still running?" answers it (choice 3): reminders stay on', async () => {
    for (const word of ['Berhenti', 'STOP']) {
      const assistant = assistantWithReport();
      expect(keys(await assistant.say('6'))).toContain('progress:ask.status');
      const reply = await assistant.say(word);
      expect(keys(reply), word).toContain('progress:ask.stopReasonStopped');
      expect(assistant.calls.setReminders, word).toEqual([]);
      expect(assistant.matches('reportingProgress')).toBe(true);
    }
  });

  it('"berhenti" at "go on or stop?" after the idle timeout ends the report, not the reminders', async () => {
    const assistant = assistantWithReport();
    await assistant.say('6');
    await assistant.say('1');
    await assistant.send({ type: 'IDLE_RESET' });
    await assistant.say('500rb');
    await assistant.say('berhenti');
    expect(assistant.calls.setReminders).toEqual([]);
    expect(assistant.matches('menu.shown')).toBe(true);
  });

  it('BERHENTI elsewhere in a report, or "berhenti pengingat" at any step: reminders stop, and the KPM is told the report was not sent', async () => {
    const assistant = assistantWithReport();
    await assistant.say('6');
    await assistant.say('1');
    const reply = await assistant.say('BERHENTI');
    expect(keys(reply)).toEqual(['progress:notSent', 'reminders.stopped']);
    expect(assistant.calls.setReminders).toEqual([{ channel: 'telegram', chatId: '42', optedOut: true }]);

    const atStatus = assistantWithReport();
    await atStatus.say('6');
    expect(keys(await atStatus.say('berhenti pengingat'))).toEqual(['progress:notSent', 'reminders.stopped']);
    expect(atStatus.calls.setReminders).toHaveLength(1);

    const resuming = assistantWithReport();
    await resuming.say('6');
    expect(keys(await resuming.say('MULAI'))[0]).toBe('progress:notSent');
    expect(resuming.calls.setReminders).toEqual([{ channel: 'telegram', chatId: '42', optedOut: false }]);
  });
});
