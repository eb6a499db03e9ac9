import type { Context } from 'hono';
import { Hono } from 'hono';
import { writeAudit } from '../../../audit/write-audit.js';
import { importMessages } from '../../../cli/import-messages.js';
import { CsvFormatError } from '../../../importing/csv/csv-format-error.js';
import { importGroups } from '../../../importing/import-groups.js';
import { GROUP_MEMBER_COLUMNS } from '../../../importing/rows/group-member-row.js';
import { importUpload, UPLOAD_IMPORTERS, type UploadImportResult, type UploadKind } from '../../../importing/upload/import-upload.js';
import { readUpload } from '../../../importing/upload/read-upload.js';
import type { UploadProblem } from '../../../importing/upload/upload-problem.js';
import type { ValidationReport } from '../../../importing/validation-report.js';
import { requireCapability } from '../../access/middleware.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { appTranslator } from '../../i18n/dashboard-translator.js';
import { CsrfField, Layout } from '../../layout/layout.js';

type C = Context<DashboardEnv>;
type Kind = UploadKind | 'groups';
const KINDS: Kind[] = ['recipients', 'stages', 'programs', 'groups'];

// Access: 'imports' (admin, operator). The same importers, checks and report wording as the CLI.
export function importRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/impor', requireCapability('imports'));

  app.get('/impor', (c) => page(c, {}));

  app.post('/impor', async (c) => {
    const body = await c.req.parseBody();
    const kind = String(body['kind'] ?? '');
    const file = body['file'];
    if (!KINDS.includes(kind as Kind) || !(file instanceof File) || file.size === 0) return page(c, { errorKey: 'import.choose' }, 400);
    // The file's name and declared type are not trusted: the upload reader tells CSV from XLSX by content.
    const bytes = new Uint8Array(await file.arrayBuffer());
    const limits = { maxBytes: c.get('deps').maxUploadBytes };
    const result = kind === 'groups' ? await importGroupsUpload(c.get('deps'), bytes, limits) : await importUpload(c.get('deps'), kind as UploadKind, bytes, { limits });
    const user = c.get('session').user;
    await writeAudit(c.get('deps').prisma, {
      action: 'staff.import',
      channel: 'dashboard',
      chatId: user.username,
      recipientId: null,
      staffUserId: user.id,
      details: result.ok
        ? { kind, format: result.format, read: result.report.read, created: result.report.created, updated: result.report.updated, unchanged: result.report.unchanged, rejected: result.report.rejected.length }
        : { kind, problem: result.problem.code },
    });
    if (!result.ok) return page(c, { kind: kind as Kind, problem: result.problem }, 400);
    return page(c, { kind: kind as Kind, report: result.report, fileName: file.name.slice(0, 200) });
  });
  return app;
}

/** Groups (nik,kelompok) through the same upload reader and limits as the other kinds. */
async function importGroupsUpload(deps: { prisma: DashboardEnv['Variables']['deps']['prisma'] }, bytes: Uint8Array, limits: { maxBytes: number }): Promise<UploadImportResult> {
  const text = await readUpload(bytes, limits);
  if (!text.ok) return text;
  try {
    return { ok: true, format: text.format, report: await importGroups(deps, text.csv) };
  } catch (error) {
    if (error instanceof CsvFormatError) return { ok: false, problem: { code: 'format', problem: error.problem } };
    throw error;
  }
}

function problemText(c: C, kind: Kind, problem: UploadProblem): string {
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

function page(c: C, state: { errorKey?: string; kind?: Kind; problem?: UploadProblem; report?: ValidationReport; fileName?: string }, status: 200 | 400 = 200) {
  const t = c.get('t');
  const session = c.get('session');
  const messages = importMessages(appTranslator(), c.get('lang'));
  const report = state.report;
  return c.html(
    <Layout c={c} title={t('import.title')}>
      {state.errorKey ? <p class="error" role="alert">{t(state.errorKey)}</p> : null}
      {state.problem && state.kind ? <p class="error" role="alert" data-testid="import-problem">{problemText(c, state.kind, state.problem)}</p> : null}
      {report ? (
        <section class="card" data-testid="import-report">
          <h2>{t('import.reportTitle', { file: state.fileName ?? '' })}</h2>
          <table>
            <tbody>
              <tr><td>{t('import.read')}</td><td data-testid="read">{report.read}</td></tr>
              <tr><td>{t('import.created')}</td><td data-testid="created">{report.created}</td></tr>
              <tr><td>{t('import.updated')}</td><td data-testid="updated">{report.updated}</td></tr>
              <tr><td>{t('import.unchanged')}</td><td data-testid="unchanged">{report.unchanged}</td></tr>
              <tr><td>{t('import.rejected')}</td><td data-testid="rejected">{report.rejected.length}</td></tr>
            </tbody>
          </table>
          {report.rejected.length > 0 ? (
            <>
              <h3>{t('import.rejectedRows')}</h3>
              <table>
                <thead>
                  <tr><th>{t('import.line')}</th><th>{t('import.reason')}</th></tr>
                </thead>
                <tbody>
                  {report.rejected.slice(0, 1000).map((row) => (
                    <tr>
                      <td>{row.line}</td>
                      <td>{row.reasons.map((reason) => messages.describeReason(reason, report.kind)).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p>{t('import.allAccepted')}</p>
          )}
        </section>
      ) : null}
      <form method="post" action={`${BASE}/impor`} enctype="multipart/form-data" class="stack">
        <CsrfField token={session.csrfToken} />
        <label>
          {t('import.kind')}
          <select name="kind">
            {KINDS.map((kind) => (
              <option value={kind} selected={state.kind === kind}>{t(`import.kinds.${kind}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('import.file')}
          <input type="file" name="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
        </label>
        <button type="submit">{t('import.submit')}</button>
        <p class="muted">{t('import.hint')}</p>
      </form>
    </Layout>,
    status,
  );
}
