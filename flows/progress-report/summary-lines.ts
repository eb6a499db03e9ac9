import { chosenProgram, isRunning, type ReportContext } from './context.js';
import type { LineSpec } from './contract.js';

const STOP_REASON_KEYS: Record<string, string> = {
  'no-capital': 'progress:summary.stopReason.noCapital',
  'no-buyers': 'progress:summary.stopReason.noBuyers',
  sick: 'progress:summary.stopReason.sick',
  family: 'progress:summary.stopReason.family',
  disaster: 'progress:summary.stopReason.disaster',
  other: 'progress:summary.stopReason.other',
};

const EQUIPMENT_KEYS: Record<string, string> = {
  'all-used': 'progress:summary.equipment.allUsed',
  'partly-used': 'progress:summary.equipment.partlyUsed',
  'not-used': 'progress:summary.equipment.notUsed',
  sold: 'progress:summary.equipment.sold',
  broken: 'progress:summary.equipment.broken',
};

/** The answers as the KPM gave them, one per line, to check before sending. */
export function summaryLines(context: ReportContext): LineSpec[] {
  const program = chosenProgram(context);
  const month = context.setup?.periods.find((entry) => entry.period === context.period)?.label ?? null;
  const lines: LineSpec[] = [{ key: 'progress:summary.title', params: { program: program?.name ?? null, month } }];
  const statusKey = { running: 'progress:summary.status.running', paused: 'progress:summary.status.paused', stopped: 'progress:summary.status.stopped' } as const;
  if (context.businessStatus) lines.push({ key: statusKey[context.businessStatus] });
  if (!isRunning(context)) {
    if (context.stopReason) lines.push({ key: STOP_REASON_KEYS[context.stopReason]! });
    if (context.stopNote) lines.push({ key: 'progress:summary.stopNote', params: { note: context.stopNote } });
    return lines;
  }
  if (context.salesAmount !== null) lines.push({ key: 'progress:summary.sales', params: { amount: context.salesAmount } });
  if (context.profitAmount !== null) lines.push({ key: 'progress:summary.profit', params: { amount: context.profitAmount } });
  lines.push(context.familyWorkers === null && context.paidWorkers === null
    ? { key: 'progress:summary.workersSkipped' }
    : { key: 'progress:summary.workers', params: { family: context.familyWorkers ?? 0, paid: context.paidWorkers ?? 0 } });
  if (program?.goods && context.equipmentUse) lines.push({ key: EQUIPMENT_KEYS[context.equipmentUse]! });
  lines.push(context.photos.length === 0 ? { key: 'progress:summary.noPhotos' } : { key: 'progress:summary.photos', params: { count: context.photos.length } });
  lines.push(context.problems ? { key: 'progress:summary.problems', params: { text: context.problems } } : { key: 'progress:summary.noProblems' });
  return lines;
}
