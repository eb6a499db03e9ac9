import { PassThrough, Readable } from 'node:stream';
import type { Context } from 'hono';
import { exportBusinessReports, reportExportFileName } from '../../../reporting/export-business-reports.js';
import { EXPORT_CONTENT_TYPES } from '../../../reporting/export-recipients.js';
import type { ReportFilters } from '../../../report-review/report-filters.js';
import { recipientScope } from '../../access/recipient-scope.js';
import type { DashboardEnv } from '../../dashboard-env.js';
import { appTranslator } from '../../i18n/dashboard-translator.js';

/** The Laporan usaha table under its filters as a download, streamed (the caller has audited it). */
export function exportReports(c: Context<DashboardEnv>, format: 'csv' | 'xlsx', filters: ReportFilters): Response {
  const { prisma, logger } = c.get('deps');
  const output = new PassThrough();
  exportBusinessReports(prisma, output, { format, language: c.get('lang'), scope: recipientScope(c.get('session').user), filters, t: appTranslator() }).catch((error: unknown) => {
    // A cancelled download or a database failure: the response ends; no row data is logged.
    logger.warn({ errorName: (error as Error).name }, 'report export stopped');
    output.destroy();
  });
  return new Response(Readable.toWeb(output) as ReadableStream, {
    headers: {
      'Content-Type': EXPORT_CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${reportExportFileName(format, filters.month, c.get('lang'), appTranslator())}"`,
      'Cache-Control': 'no-store',
    },
  });
}
