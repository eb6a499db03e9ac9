import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { writeAudit } from '../../../audit/write-audit.js';
import { EXPORT_CONTENT_TYPES, exportFileName, exportRecipients, type ExportFormat } from '../../../reporting/export-recipients.js';
import { recipientScope, scopeWhere } from '../../access/recipient-scope.js';
import { requireCapability } from '../../access/middleware.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { appTranslator } from '../../i18n/dashboard-translator.js';
import { Layout } from '../../layout/layout.js';

// Access: 'exports' (admin, operator, facilitator); rows limited by the same recipientScope as
// the search, so a facilitator's file holds only their groups' KPM.
export function exportRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/ekspor', requireCapability('exports'));
  app.use('/ekspor/*', requireCapability('exports'));

  app.get('/ekspor', (c) => {
    const t = c.get('t');
    return c.html(
      <Layout c={c} title={t('export.title')}>
        <p>{t('export.intro')}</p>
        <ul>
          <li><a href={`${BASE}/ekspor/penerima.xlsx`}>{t('export.xlsx')}</a></li>
          <li><a href={`${BASE}/ekspor/penerima.csv`}>{t('export.csv')}</a></li>
        </ul>
        <p class="muted">{t('export.audited')}</p>
      </Layout>,
    );
  });

  for (const format of ['csv', 'xlsx'] as const satisfies readonly ExportFormat[]) app.get(`/ekspor/penerima.${format}`, async (c) => {
    const { prisma, now, logger } = c.get('deps');
    const user = c.get('session').user;
    const scope = recipientScope(user);
    await writeAudit(prisma, { action: 'staff.export', channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id, details: { format, scope: scope.kind } });
    const output = new PassThrough();
    exportRecipients({ prisma }, output, { format, language: c.get('lang'), scope: scopeWhere(scope), t: appTranslator() }).catch((error: unknown) => {
      // A cancelled download or a database failure: the response ends; no row data is logged.
      logger.warn({ errorName: (error as Error).name }, 'export stopped');
      output.destroy();
    });
    return new Response(Readable.toWeb(output) as ReadableStream, {
      headers: {
        'Content-Type': EXPORT_CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="${exportFileName(format, c.get('lang'), now(), appTranslator())}"`,
        'Cache-Control': 'no-store',
      },
    });
  });
  return app;
}
