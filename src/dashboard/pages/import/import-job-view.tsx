import type { Context } from 'hono';
import { importMessages } from '../../../cli/import-messages.js';
import type { ValidationReport } from '../../../importing/validation-report.js';
import type { ImportJob } from '../../../storage/generated/client.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { appTranslator } from '../../i18n/dashboard-translator.js';
import { formatMoment } from '../../layout/format.js';
import { jobProblem, jobReport, type ImportJobKind } from './import-jobs.js';
import { problemText } from './problem-text.js';

type C = Context<DashboardEnv>;

/** Polling interval of a running job's status (htmx, no inline script). */
const POLL = 'every 1s';

/**
 * A job's state: while it runs, its progress (rows read, processed, accepted, refused), which
 * htmx replaces every second from /impor/:id/status until the job ends; then the report, the
 * reason the file could not be imported, or what an interruption left behind.
 */
export function ImportJobStatus(props: { c: C; job: ImportJob }) {
  const { c, job } = props;
  const t = c.get('t');
  const kind = job.kind as ImportJobKind;
  const accepted = Math.max(0, job.done - job.rejected);
  if (job.status === 'running') {
    return (
      <section class="card" data-testid="import-progress" aria-live="polite" hx-get={`${BASE}/impor/${job.id}/status`} hx-trigger={POLL} hx-swap="outerHTML">
        <h2>{t('import.job.running', { file: job.fileName })}</h2>
        {job.total === 0 ? (
          <p>{t('import.job.reading')}</p>
        ) : (
          <>
            <progress max={job.total} value={job.done}>{`${job.done} / ${job.total}`}</progress>
            <Counts c={c} read={job.total} done={job.done} accepted={accepted} rejected={job.rejected} />
          </>
        )}
        <noscript>
          <p><a href={`${BASE}/impor/${job.id}`}>{t('import.job.reload')}</a></p>
        </noscript>
      </section>
    );
  }
  if (job.status === 'interrupted') {
    return (
      <section class="card" data-testid="import-interrupted" role="alert">
        <h2>{t('import.job.interruptedTitle', { file: job.fileName })}</h2>
        <p>{t('import.job.interrupted', { at: formatMoment(job.finishedAt ?? job.heartbeatAt, c.get('lang')) })}</p>
        <Counts c={c} read={job.total} done={job.done} accepted={accepted} rejected={job.rejected} />
        <p>{t('import.job.again')}</p>
      </section>
    );
  }
  const problem = jobProblem(job);
  if (problem) {
    return <p class="error" role="alert" data-testid="import-problem">{problemText(c, kind, problem)}</p>;
  }
  const report = jobReport(job);
  if (job.status === 'failed' || !report) {
    return (
      <section class="card" data-testid="import-failed" role="alert">
        <h2>{t('import.job.failedTitle', { file: job.fileName })}</h2>
        <p>{t('import.job.failed')}</p>
        <Counts c={c} read={job.total} done={job.done} accepted={accepted} rejected={job.rejected} />
        <p>{t('import.job.again')}</p>
      </section>
    );
  }
  return <ImportReport c={c} report={report} rejectedCount={job.rejected} fileName={job.fileName} />;
}

function Counts(props: { c: C; read: number; done: number; accepted: number; rejected: number }) {
  const t = props.c.get('t');
  return (
    <table>
      <tbody>
        <tr><td>{t('import.read')}</td><td data-testid="progress-read">{props.read}</td></tr>
        <tr><td>{t('import.job.done')}</td><td data-testid="progress-done">{props.done}</td></tr>
        <tr><td>{t('import.job.accepted')}</td><td data-testid="progress-accepted">{props.accepted}</td></tr>
        <tr><td>{t('import.rejected')}</td><td data-testid="progress-rejected">{props.rejected}</td></tr>
      </tbody>
    </table>
  );
}

/** The validation report: counts, then every refused row (line and reasons, never its data). */
export function ImportReport(props: { c: C; report: ValidationReport; rejectedCount: number; fileName: string }) {
  const { c, report } = props;
  const t = c.get('t');
  const messages = importMessages(appTranslator(), c.get('lang'));
  return (
    <section class="card" data-testid="import-report">
      <h2>{t('import.reportTitle', { file: props.fileName })}</h2>
      <table>
        <tbody>
          <tr><td>{t('import.read')}</td><td data-testid="read">{report.read}</td></tr>
          <tr><td>{t('import.created')}</td><td data-testid="created">{report.created}</td></tr>
          <tr><td>{t('import.updated')}</td><td data-testid="updated">{report.updated}</td></tr>
          <tr><td>{t('import.unchanged')}</td><td data-testid="unchanged">{report.unchanged}</td></tr>
          <tr><td>{t('import.rejected')}</td><td data-testid="rejected">{props.rejectedCount}</td></tr>
        </tbody>
      </table>
      {props.rejectedCount > 0 ? (
        <>
          <h3>{t('import.rejectedRows')}</h3>
          {props.rejectedCount > report.rejected.length ? <p class="muted">{t('import.job.firstRejected', { shown: report.rejected.length })}</p> : null}
          <table>
            <thead>
              <tr><th>{t('import.line')}</th><th>{t('import.reason')}</th></tr>
            </thead>
            <tbody>
              {report.rejected.map((row) => (
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
  );
}

/** The latest jobs on the Impor page: an interrupted or failed one stays visible here. */
export function RecentImports(props: { c: C; jobs: ImportJob[] }) {
  const { c, jobs } = props;
  const t = c.get('t');
  if (jobs.length === 0) return null;
  return (
    <section>
      <h2>{t('import.job.recent')}</h2>
      <div class="table-wrap">
        <table data-testid="recent-imports">
          <thead>
            <tr><th>{t('import.job.started')}</th><th>{t('import.kind')}</th><th>{t('import.job.file')}</th><th>{t('import.job.status')}</th></tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr>
                <td>{formatMoment(job.startedAt, c.get('lang'))}</td>
                <td>{t(`import.kinds.${job.kind}`)}</td>
                <td><a href={`${BASE}/impor/${job.id}`}>{job.fileName}</a></td>
                <td>{t(`import.job.statuses.${job.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
