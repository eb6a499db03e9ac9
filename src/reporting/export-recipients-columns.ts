import type { Language } from '../../flows/kpm-assistant/contract.js';
import type { Translate } from '../i18n/create-translator.js';

/** One exported line: a KPM and their current stage in one program (program fields empty when enrolled in none). */
export interface ExportRow {
  nik: string;
  name: string;
  regency: string;
  district: string;
  village: string;
  program: string | null;
  stage: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
  /** Whole rupiah. */
  amount: number | null;
  channel: string | null;
  place: string | null;
}

export type ExportColumn = keyof ExportRow;

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  'nik', 'name', 'regency', 'district', 'village', 'program', 'stage', 'date', 'amount', 'channel', 'place',
];

/** Column headers in the reader's language, from locales/<language>/reports.json. */
export function exportHeaders(t: Translate, language: Language): Record<ExportColumn, string> {
  return {
    nik: t(language, 'reports:export.columns.nik'),
    name: t(language, 'reports:export.columns.name'),
    regency: t(language, 'reports:export.columns.regency'),
    district: t(language, 'reports:export.columns.district'),
    village: t(language, 'reports:export.columns.village'),
    program: t(language, 'reports:export.columns.program'),
    stage: t(language, 'reports:export.columns.stage'),
    date: t(language, 'reports:export.columns.date'),
    amount: t(language, 'reports:export.columns.amount'),
    channel: t(language, 'reports:export.columns.channel'),
    place: t(language, 'reports:export.columns.place'),
  };
}
