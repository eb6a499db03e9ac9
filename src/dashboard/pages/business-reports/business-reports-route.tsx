import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit, type AuditAction } from '../../../audit/write-audit.js';
import { monthOf } from '../../../graduation/report-month.js';
import { parseReportFilters } from '../../../report-review/report-filters.js';
import { groupInScope } from '../../../report-review/report-scope.js';
import type { Prisma } from '../../../storage/generated/client.js';
import { recipientInScope, recipientScope } from '../../access/recipient-scope.js';
import { requireCapability } from '../../access/middleware.js';
import type { DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { exportReports } from './export-reports.js';
import { groupMonthPage } from './group-month-page.js';
import { reportListPage } from './report-list-page.js';
import { recipientReportsPage } from './recipient-reports-page.js';

type C = Context<DashboardEnv>;
const idParam = z.coerce.number().int().positive().max(2_147_483_647);
const positionParam = z.coerce.number().int().min(1).max(10);

// Access: 'reports.read' (admin, operator, facilitator). Every record goes through the recipient
// scope: a facilitator sees only the reports of their groups' members; another group, KPM or
// photo answers 404 exactly like a missing one. Every view of reports is audited (the table and
// a group's month as 'staff.view.business-reports', a KPM's page as 'staff.view.business-report',
// a full-size photo, the export).
export function businessReportsRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/laporan-usaha', requireCapability('reports.read'));
  app.use('/laporan-usaha/*', requireCapability('reports.read'));

  app.get('/laporan-usaha', async (c) => {
    const filters = parseReportFilters(c.req.query(), monthOf(c.get('deps').now()));
    return reportListPage(c, filters, (details) => audit(c, 'staff.view.business-reports', null, details));
  });

  for (const format of ['xlsx', 'csv'] as const) {
    app.get(`/laporan-usaha/ekspor.${format}`, async (c) => {
      const filters = parseReportFilters(c.req.query(), monthOf(c.get('deps').now()));
      await audit(c, 'staff.export.business-reports', null, { format, month: filters.month, ...(filters.program ? { program: filters.program } : {}), ...(filters.groupId !== undefined ? { groupId: filters.groupId } : {}) });
      return exportReports(c, format, filters);
    });
  }

  app.get('/laporan-usaha/kelompok/:id', async (c) => {
    const { prisma, now } = c.get('deps');
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success || !(await groupInScope(prisma, recipientScope(c.get('session').user), id.data))) return renderError(c, 404, 'errors.notFound');
    const month = parseReportFilters(c.req.query(), monthOf(now())).month;
    await audit(c, 'staff.view.business-reports', null, { groupId: id.data, month });
    return groupMonthPage(c, id.data, month);
  });

  app.get('/laporan-usaha/penerima/:id', async (c) => {
    const { prisma } = c.get('deps');
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success || !(await recipientInScope(prisma, recipientScope(c.get('session').user), id.data))) return renderError(c, 404, 'errors.notFound');
    await audit(c, 'staff.view.business-report', id.data);
    return recipientReportsPage(c, id.data);
  });

  app.get('/laporan-usaha/foto/:reportId/:position', (c) => photo(c, 'full'));
  app.get('/laporan-usaha/foto/:reportId/:position/kecil', (c) => photo(c, 'thumbnail'));
  return app;
}

/**
 * A report photo's bytes, served by the app (never a file path or a platform URL): the report's
 * KPM must be in the reader's scope. Thumbnails come with the KPM's page, which is audited; a
 * full-size photo is audited on its own.
 */
async function photo(c: C, size: 'full' | 'thumbnail') {
  const { prisma, mediaStore } = c.get('deps');
  const reportId = idParam.safeParse(c.req.param('reportId'));
  const position = positionParam.safeParse(c.req.param('position'));
  if (!reportId.success || !position.success) return renderError(c, 404, 'errors.notFound');
  const found = await prisma.businessReportPhoto.findUnique({
    where: { reportId_position: { reportId: reportId.data, position: position.data } },
    select: { mediaKey: true, thumbnailKey: true, report: { select: { recipientId: true } } },
  });
  if (!found || !(await recipientInScope(prisma, recipientScope(c.get('session').user), found.report.recipientId))) return renderError(c, 404, 'errors.notFound');
  const media = mediaStore ? await mediaStore.get(size === 'full' ? found.mediaKey : found.thumbnailKey).catch(() => null) : null;
  if (!media) return renderError(c, 404, 'errors.notFound');
  if (size === 'full') await audit(c, 'staff.view.business-report-photo', found.report.recipientId, { reportId: reportId.data, position: position.data });
  const type = media.mimeType === 'image/png' || media.mimeType === 'image/webp' ? media.mimeType : 'image/jpeg';
  return new Response(new Uint8Array(media.bytes), {
    headers: { 'Content-Type': type, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Disposition': 'inline' },
  });
}

async function audit(c: C, action: AuditAction, recipientId: number | null, details?: Prisma.InputJsonValue) {
  const user = c.get('session').user;
  await writeAudit(c.get('deps').prisma, { action, channel: 'dashboard', chatId: user.username, recipientId, staffUserId: user.id, ...(details === undefined ? {} : { details }) });
}
