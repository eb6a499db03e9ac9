import type { Language } from '../../../flows/kpm-assistant/contract.js';
import { importMessages } from '../../cli/import-messages.js';
import type { Translate } from '../../i18n/create-translator.js';
import type { CsvColumns } from '../csv/read-csv.js';
import type { UploadProblem } from './upload-problem.js';

/**
 * An upload problem in the operator's language: the file-level ones from
 * locales/<language>/reports.json, a header problem worded exactly as the import CLI words it.
 */
export function describeUploadProblem(
  t: Translate,
  language: Language,
  problem: UploadProblem,
  columns: CsvColumns<string>,
): string {
  switch (problem.code) {
    case 'too-large':
      return t(language, 'reports:upload.tooLarge', { megabytes: Math.floor(problem.maxBytes / (1024 * 1024)) });
    case 'too-many-rows':
      return t(language, 'reports:upload.tooManyRows', { rows: problem.maxRows.toLocaleString('id-ID') });
    case 'unreadable':
      return t(language, 'reports:upload.unreadable');
    case 'old-excel':
      return t(language, 'reports:upload.oldExcel');
    case 'format':
      return importMessages(t, language).csvProblem(problem.problem, columns);
  }
}
