import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../../../audit/write-audit.js';
import { recipientScope } from '../../access/recipient-scope.js';
import { requireCapability } from '../../access/middleware.js';
import { can } from '../../access/roles.js';
import type { DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { loadRecipientDetail } from './load-recipient-detail.js';
import { RecipientDetailView } from './recipient-detail-view.js';
import { parseRecipientFilters } from './recipient-filters.js';
import { RecipientsView, type FilterOptions } from './recipients-view.js';
import { searchRecipients } from './search-recipients.js';

const idParam = z.coerce.number().int().positive().max(2_147_483_647);

// Access: 'recipients.read' (admin, operator, facilitator); records limited by recipientScope,
// so a facilitator's URL or search for another group's KPM finds nothing (404 / empty list).
export function recipientsRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/penerima', requireCapability('recipients.read'));
  app.use('/penerima/*', requireCapability('recipients.read'));

  app.get('/penerima', async (c) => {
    const { prisma } = c.get('deps');
    const { user } = c.get('session');
    const scope = recipientScope(user);
    const filters = parseRecipientFilters(c.req.query());
    const page = await searchRecipients(prisma, scope, filters);
    const options = await filterOptions(c.get('deps').prisma, user.role === 'facilitator' ? user.id : undefined, filters.program, c.get('lang'));
    if (filters.q || filters.village || filters.groupId || filters.program || filters.regency) {
      // Which filters were used and how many rows came back; never the typed text (it may be a NIK).
      await writeAudit(prisma, {
        action: 'staff.search.recipients',
        channel: 'dashboard',
        chatId: user.username,
        recipientId: null,
        staffUserId: user.id,
        details: { filters: Object.entries(filters).filter(([key, value]) => value !== undefined && key !== 'after').map(([key]) => key), shown: page.rows.length },
      });
    }
    return c.html(<RecipientsView c={c} filters={filters} page={page} options={options} />);
  });

  app.get('/penerima/:id', async (c) => showDetail(c, false));
  app.post('/penerima/:id/nik', async (c) => showDetail(c, true));

  return app;
}

async function showDetail(c: Context<DashboardEnv>, revealed: boolean) {
  const { prisma } = c.get('deps');
  const { user } = c.get('session');
  const id = idParam.safeParse(c.req.param('id'));
  if (!id.success) return renderError(c, 404, 'errors.notFound');
  if (revealed && !can(user.role, 'recipients.reveal')) return renderError(c, 403, 'errors.forbidden');
  const detail = await loadRecipientDetail(prisma, recipientScope(user), id.data);
  if (!detail) return renderError(c, 404, 'errors.notFound');
  await writeAudit(prisma, {
    action: revealed ? 'staff.reveal.nik' : 'staff.view.recipient',
    channel: 'dashboard',
    chatId: user.username,
    recipientId: detail.id,
    staffUserId: user.id,
  });
  return c.html(<RecipientDetailView c={c} detail={detail} revealed={revealed} />);
}

async function filterOptions(prisma: Parameters<typeof searchRecipients>[0], facilitatorId: number | undefined, program: string | undefined, lang: 'id' | 'en'): Promise<FilterOptions> {
  const [programs, stages, groups] = await Promise.all([
    prisma.program.findMany({ orderBy: { code: 'asc' } }),
    program ? prisma.programStage.findMany({ where: { programCode: program }, orderBy: { position: 'asc' } }) : Promise.resolve([]),
    prisma.kpmGroup.findMany({
      where: facilitatorId === undefined ? {} : { facilitators: { some: { staffUserId: facilitatorId } } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
      take: 500,
    }),
  ]);
  return {
    programs: programs.map((p) => ({ code: p.code, name: lang === 'en' ? p.nameEn : p.nameId })),
    stages: stages.map((s) => ({ code: s.code, label: lang === 'en' ? s.labelEn : s.labelId })),
    groups,
  };
}
