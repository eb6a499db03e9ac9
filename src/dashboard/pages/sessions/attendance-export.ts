import ExcelJS from 'exceljs';
import { quoteCsvCell } from '../../../importing/csv/quote-csv-cell.js';
import type { InviteeView, SessionSummary } from '../../../mentoring/sessions.js';

export interface ExportLabels {
  headers: [string, string, string, string];
  rsvp: (value: string | null) => string;
  attended: (value: boolean | null) => string;
}

function rows(invitees: InviteeView[], labels: ExportLabels): string[][] {
  return invitees.map((invitee) => [invitee.fullName, invitee.village, labels.rsvp(invitee.rsvp), labels.attended(invitee.attended)]);
}

/** One session's invitees, their answers and attendance, as CSV (UTF-8 with a BOM so Excel reads it). */
export function attendanceCsv(invitees: InviteeView[], labels: ExportLabels): string {
  const lines = [labels.headers, ...rows(invitees, labels)].map((row) => row.map((cell) => quoteCsvCell(cell, ',')).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same as an XLSX workbook. */
export async function attendanceXlsx(session: SessionSummary, invitees: InviteeView[], labels: ExportLabels): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`Sesi ${session.id}`);
  sheet.addRow(labels.headers).font = { bold: true };
  for (const row of rows(invitees, labels)) sheet.addRow(row);
  sheet.columns.forEach((column) => (column.width = 28));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
