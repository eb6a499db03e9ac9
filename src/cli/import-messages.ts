import type { Language } from '../../flows/kpm-assistant/contract.js';
import type { CsvFormatProblem } from '../importing/csv/csv-format-error.js';
import type { CsvColumns } from '../importing/csv/read-csv.js';
import type { RejectionReason } from '../importing/rejection-reason.js';
import type { ImportKind, ValidationReport } from '../importing/validation-report.js';
import type { Translate } from '../i18n/create-translator.js';

// Everything the import CLI says to the operator comes from `locales/<language>/translation.json`
// under `import.*`; this module only picks the key and arranges lines. Keys are named as literal
// `t(language, 'import.…'` calls so test/locales/locale-keys.test.ts sees each one in use.
// Reasons name columns, lines and codes only, never a NIK, name or phone number.

export const IMPORT_KINDS: readonly ImportKind[] = ['recipients', 'stages', 'programs', 'contacts', 'groups'];

/** The report language from `IMPORT_LANGUAGE`: unset or empty means Indonesian; undefined when unknown. */
export function importLanguage(value: string | undefined): Language | undefined {
  const language = (value ?? '').trim().toLowerCase();
  if (language === '') return 'id';
  return language === 'id' || language === 'en' ? language : undefined;
}

/** An unusable `IMPORT_LANGUAGE`, said in both languages since the operator's choice is unknown. */
export function unknownLanguage(t: Translate, value: string): string {
  return [t('id', 'import.unknownLanguage', { language: value }), t('en', 'import.unknownLanguage', { language: value })].join('\n');
}

export interface ImportMessages {
  usage(): string;
  unknownKind(kind: string): string;
  fileNotFound(path: string): string;
  /** A cli-progress format: `{bar}`, `{percentage}`, `{value}`, `{total}` are filled by the bar. */
  progressFormat(kind: ImportKind): string;
  importFailed(summary: string): string;
  csvProblem(problem: CsvFormatProblem, columns: CsvColumns<string>): string;
  formatReport(report: ValidationReport, fileName: string): string;
  describeReason(reason: RejectionReason, kind: ImportKind): string;
}

/** The import CLI's wording in one language. */
export function importMessages(t: Translate, language: Language): ImportMessages {
  const kindTitle = (kind: ImportKind): string => {
    switch (kind) {
      case 'recipients':
        return t(language, 'import.kind.recipients');
      case 'stages':
        return t(language, 'import.kind.stages');
      case 'programs':
        return t(language, 'import.kind.programs');
      case 'contacts':
        return t(language, 'import.kind.contacts');
      case 'groups':
        return t(language, 'import.kind.groups');
    }
  };

  const expectedColumns = (columns: CsvColumns<string>): string => {
    const required = columns.required.join(',');
    return columns.optional?.length
      ? t(language, 'import.csv.expectedColumnsOptional', { columns: required, optional: columns.optional.join(',') })
      : t(language, 'import.csv.expectedColumns', { columns: required });
  };

  const nikProblem = (reason: Extract<RejectionReason, { code: 'nik' }>): string => {
    switch (reason.problem) {
      case 'empty':
        return t(language, 'import.reason.nik.empty');
      case 'non-digit':
        return t(language, 'import.reason.nik.nonDigit');
      case 'length':
        return reason.length === undefined
          ? t(language, 'import.reason.nik.length')
          : t(language, 'import.reason.nik.lengthFound', { digits: reason.length });
      case 'unknown-province':
        return t(language, 'import.reason.nik.unknownProvince');
      case 'invalid-birth-date':
        return t(language, 'import.reason.nik.invalidBirthDate');
      case 'invalid-serial':
        return t(language, 'import.reason.nik.invalidSerial');
    }
  };

  const duplicate = (kind: ImportKind, firstLine: number): string => {
    switch (kind) {
      case 'recipients':
        return t(language, 'import.reason.duplicate.recipients', { firstLine });
      case 'stages':
        return t(language, 'import.reason.duplicate.stages', { firstLine });
      case 'programs':
        return t(language, 'import.reason.duplicate.programs', { firstLine });
      case 'contacts':
        return t(language, 'import.reason.duplicate.contacts', { firstLine });
      case 'groups':
        return t(language, 'import.reason.duplicate.groups', { firstLine });
    }
  };

  const describeReason = (reason: RejectionReason, kind: ImportKind): string => {
    switch (reason.code) {
      case 'column-count':
        return t(language, 'import.reason.columnCount', { found: reason.found, expected: reason.expected });
      case 'required':
        return t(language, 'import.reason.required', { column: reason.column });
      case 'too-long':
        return t(language, 'import.reason.tooLong', { column: reason.column, max: reason.max });
      case 'excel-number':
        return t(language, 'import.reason.excelNumber', { column: reason.column });
      case 'nik':
        return nikProblem(reason);
      case 'kk':
        return t(language, 'import.reason.kk');
      case 'phone':
        return t(language, 'import.reason.phone');
      case 'contact-phone':
        return t(language, 'import.reason.contactPhone');
      case 'date-format':
        return t(language, 'import.reason.dateFormat');
      case 'date-invalid':
        return t(language, 'import.reason.dateInvalid');
      case 'date-future':
        return t(language, 'import.reason.dateFuture');
      case 'amount':
        return t(language, 'import.reason.amount');
      case 'code-format':
        return t(language, 'import.reason.codeFormat', { column: reason.column });
      case 'position':
        return t(language, 'import.reason.position');
      case 'duplicate':
        return duplicate(kind, reason.firstLine);
      case 'duplicate-position':
        return t(language, 'import.reason.duplicatePosition', { firstLine: reason.firstLine });
      case 'program-name-mismatch':
        return t(language, 'import.reason.programNameMismatch', { firstLine: reason.firstLine });
      case 'unknown-program':
        return reason.suggestion
          ? t(language, 'import.reason.unknownProgramSuggestion', { program: reason.program, suggestion: reason.suggestion })
          : t(language, 'import.reason.unknownProgram', { program: reason.program });
      case 'unknown-stage':
        return reason.suggestion
          ? t(language, 'import.reason.unknownStageSuggestion', {
              program: reason.program,
              stage: reason.stage,
              suggestion: reason.suggestion,
            })
          : t(language, 'import.reason.unknownStage', { program: reason.program, stage: reason.stage });
      case 'unknown-recipient':
        return t(language, 'import.reason.unknownRecipient');
      case 'stage-in-use':
        return t(language, 'import.reason.stageInUse', { program: reason.program, stage: reason.stage, events: reason.events });
      case 'program-not-changed':
        return t(language, 'import.reason.programNotChanged', { program: reason.program, line: reason.line });
    }
  };

  return {
    usage: () =>
      [
        t(language, 'import.usage.command'),
        `  ${t(language, 'import.usage.kinds')}`,
        t(language, 'import.usage.example'),
        t(language, 'import.usage.language'),
      ].join('\n'),

    unknownKind: (kind) => t(language, 'import.unknownKind', { kind, kinds: IMPORT_KINDS.join(', ') }),

    fileNotFound: (path) => t(language, 'import.fileNotFound', { path }),

    progressFormat: (kind) => t(language, 'import.progress', { kind: kindTitle(kind) }),

    importFailed: (summary) =>
      [t(language, 'import.failed.database', { summary }), t(language, 'import.failed.resume')].join('\n'),

    csvProblem(problem, columns) {
      switch (problem.code) {
        case 'empty-file':
          return t(language, 'import.csv.emptyFile');
        case 'no-delimiter':
          return `${t(language, 'import.csv.noDelimiter')} ${expectedColumns(columns)}`;
        case 'missing-columns':
          return `${t(language, 'import.csv.missingColumns', { columns: problem.columns.join(', ') })} ${expectedColumns(columns)}`;
        case 'unknown-columns':
          return `${t(language, 'import.csv.unknownColumns', { columns: problem.columns.join(', ') })} ${expectedColumns(columns)}`;
        case 'duplicate-columns':
          return t(language, 'import.csv.duplicateColumns', { columns: problem.columns.join(', ') });
        case 'broken-csv':
          return problem.line === undefined
            ? t(language, 'import.csv.brokenCsvNoLine')
            : t(language, 'import.csv.brokenCsv', { line: problem.line });
      }
    },

    formatReport(report, fileName) {
      const counts: [label: string, value: number][] = [
        [t(language, 'import.report.read'), report.read],
        [t(language, 'import.report.created'), report.created],
        [t(language, 'import.report.updated'), report.updated],
        [t(language, 'import.report.unchanged'), report.unchanged],
        [t(language, 'import.report.rejected'), report.rejected.length],
      ];
      if (report.kind === 'programs') counts.push([t(language, 'import.report.removed'), report.removed]);
      // Numbers line up in one column whatever the language's label lengths.
      const width = Math.max(...counts.map(([label]) => label.length)) + 2;

      const lines = [
        t(language, 'import.report.title', { kind: kindTitle(report.kind) }),
        t(language, 'import.report.file', { file: fileName }),
        ...counts.map(([label, value]) => `  ${label.padEnd(width)}${value}`),
        '',
      ];
      if (report.rejected.length > 0) {
        lines.push(t(language, 'import.report.rejectedHeading'));
        for (const row of report.rejected) {
          const reasons = row.reasons.map((reason) => describeReason(reason, report.kind)).join('; ');
          lines.push(`  ${t(language, 'import.report.rejectedRow', { line: row.line, reasons })}`);
        }
      } else {
        lines.push(t(language, 'import.report.noneRejected'));
      }
      return lines.join('\n');
    },

    describeReason,
  };
}
