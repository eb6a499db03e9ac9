import type { LineSpec, ProgramStatusView, ReplySpec, StageView, StatusView } from '../contract.js';
import { menuReply } from './menu-reply.js';

/**
 * Per program, the stages reached with their dates, amounts and where/how, then what comes
 * next. Dates and amounts stay ISO/number here; the renderer formats them per language.
 */
export function statusReply(view: StatusView): ReplySpec {
  const lines: LineSpec[] = [{ key: 'status.header', params: { name: view.maskedName } }];
  // No program: how to be proposed; what to do about cut aid would not fit someone who gets none.
  if (view.programs.length === 0) {
    lines.push({ key: 'status.none' }, { key: 'summary.noProgramHint' });
    return menuReply(true, lines);
  }
  for (const program of view.programs) lines.push(...programLines(program));
  lines.push({ key: 'status.report' });
  return menuReply(true, lines);
}

function programLines(program: ProgramStatusView): LineSpec[] {
  const lines: LineSpec[] = [{ key: 'status.program', params: { program: program.programName } }];
  if (program.reached.length === 0) lines.push({ key: 'status.noStage' });
  for (const stage of program.reached) lines.push(...stageLines(stage));
  lines.push(program.next ? { key: 'status.next', params: { stage: program.next } } : { key: 'status.complete' });
  return lines;
}

function stageLines(stage: StageView): LineSpec[] {
  const lines: LineSpec[] = [{ key: 'status.stage', params: { stage: stage.label, date: stage.on } }];
  if (stage.amount !== null) lines.push({ key: 'status.amount', params: { amount: stage.amount } });
  if (stage.channel !== null && stage.place !== null) {
    lines.push({ key: 'status.channelPlace', params: { channel: stage.channel, place: stage.place } });
  } else if (stage.channel !== null) {
    lines.push({ key: 'status.channel', params: { channel: stage.channel } });
  } else if (stage.place !== null) {
    lines.push({ key: 'status.place', params: { place: stage.place } });
  }
  if (stage.note !== null) lines.push({ key: 'status.note', params: { note: stage.note } });
  return lines;
}
