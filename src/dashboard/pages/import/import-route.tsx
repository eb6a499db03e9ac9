import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../../../audit/write-audit.js';
import { requireCapability } from '../../access/middleware.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { CsrfField, Layout } from '../../layout/layout.js';
import { ImportJobStatus, RecentImports } from './import-job-view.js';
import type { ImportJobKind } from './import-jobs.js';

type C = Context<DashboardEnv>;
const KINDS: ImportJobKind[] = ['recipients', 'stages', 'programs', 'groups'];
const idParam = z.coerce.number().int().positive().max(2_147_483_647);

// Access: 'imports' (admin, operator). The same importers, checks and report wording as the CLI.
// An upload becomes a job (import-jobs.ts): the POST stores the file's job and redirects to its
// page, which shows the progress while it runs (htmx polls /impor/:id/status) and the report
// when it is done.
export function importRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/impor', requireCapability('imports'));
  app.use('/impor/*', requireCapability('imports'));

  app.get('/impor', (c) => page(c, {}));

  app.post('/impor', async (c) => {
    const body = await c.req.parseBody();
    const kind = String(body['kind'] ?? '');
    const file = body['file'];
    if (!KINDS.includes(kind as ImportJobKind) || !(file instanceof File) || file.size === 0) return page(c, { errorKey: 'import.choose' }, 400);
    // The file's name and declared type are not trusted: the upload reader tells CSV from XLSX by content.
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { importJobs, maxUploadBytes, prisma } = c.get('deps');
    const user = c.get('session').user;
    const job = await importJobs.start({ kind: kind as ImportJobKind, fileName: file.name, bytes, staffUserId: user.id, maxBytes: maxUploadBytes });
    // The upload itself is audited; its outcome stays with the job (import_job).
    await writeAudit(prisma, {
      action: 'staff.import',
      channel: 'dashboard',
      chatId: user.username,
      recipientId: null,
      staffUserId: user.id,
      details: { kind, job, bytes: bytes.byteLength },
    });
    return c.redirect(`${BASE}/impor/${job}`, 303);
  });

  app.get('/impor/:id', async (c) => {
    const job = await findJob(c);
    if (!job) return renderError(c, 404, 'errors.notFound');
    const t = c.get('t');
    return c.html(
      <Layout c={c} title={t('import.title')}>
        <ImportJobStatus c={c} job={job} />
        <p><a href={`${BASE}/impor`}>{t('import.job.another')}</a></p>
      </Layout>,
    );
  });

  // The fragment htmx swaps in while a job runs; once it has ended it carries no trigger, so polling stops.
  app.get('/impor/:id/status', async (c) => {
    const job = await findJob(c);
    if (!job) return renderError(c, 404, 'errors.notFound');
    return c.html(<ImportJobStatus c={c} job={job} />);
  });
  return app;
}

async function findJob(c: C) {
  const id = idParam.safeParse(c.req.param('id'));
  return id.success ? c.get('deps').importJobs.find(id.data) : null;
}

async function page(c: C, state: { errorKey?: string }, status: 200 | 400 = 200) {
  const t = c.get('t');
  const session = c.get('session');
  const recent = await c.get('deps').importJobs.recent(10);
  return c.html(
    <Layout c={c} title={t('import.title')}>
      {state.errorKey ? <p class="error" role="alert">{t(state.errorKey)}</p> : null}
      <form method="post" action={`${BASE}/impor`} enctype="multipart/form-data" class="stack">
        <CsrfField token={session.csrfToken} />
        <label>
          {t('import.kind')}
          <select name="kind">
            {KINDS.map((kind) => (
              <option value={kind}>{t(`import.kinds.${kind}`)}</option>
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
      <RecentImports c={c} jobs={recent} />
    </Layout>,
    status,
  );
}
