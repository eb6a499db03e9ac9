import type { Context } from 'hono';
import { importMessages } from '../../../cli/import-messages.js';
import { GROUP_MEMBER_COLUMNS } from '../../../importing/rows/group-member-row.js';
import { UPLOAD_IMPORTERS } from '../../../importing/upload/import-upload.js';
import type { UploadProblem } from '../../../importing/upload/upload-problem.js';
import type { DashboardEnv } from '../../dashboard-env.js';
import { appTranslator } from '../../i18n/dashboard-translator.js';
import type { ImportJobKind } from './import-jobs.js';

/** Why a file could not be imported at all, worded as the CLI words it. */
export function problemText(c: Context<DashboardEnv>, kind: ImportJobKind, problem: UploadProblem): string {
  const t = c.get('t');
  switch (problem.code) {
    case 'too-large':
      return t('import.problem.tooLarge', { mb: Math.floor(problem.maxBytes / 1024 / 1024) });
    case 'too-many-rows':
      return t('import.problem.tooManyRows', { rows: problem.maxRows });
    case 'unreadable':
      return t('import.problem.unreadable');
    case 'old-excel':
      return t('import.problem.oldExcel');
    case 'format':
      return importMessages(appTranslator(), c.get('lang')).csvProblem(problem.problem, kind === 'groups' ? GROUP_MEMBER_COLUMNS : UPLOAD_IMPORTERS[kind].columns);
  }
}
