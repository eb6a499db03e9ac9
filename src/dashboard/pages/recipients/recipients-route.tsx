import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../../../audit/write-audit.js';
import { changeStage } from '../../../stages/change-stage.js';
import type { StageFieldErrors } from '../../../stages/stage-form.js';
import { recipientInScope, recipientScope } from '../../access/recipient-scope.js';
import { BASE } from '../../dashboard-env.js';
import { StageChangeForm, type StageOption } from './stage-change-form.js';
import { requireCapability } from '../../access/middleware.js';
import { can } from '../../access/roles.js';
import type { DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { loadRecipientDetail } from './load-recipient-detail.js';
import { RecipientDetailView } from './recipient-detail-view.js';
import { AttendanceHistory } from '../sessions/attendance-history.js';
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

  app.get('/penerima/:id', async (c) => showDetail(c, { revealed: false, saved: c.req.query('tersimpan') === '1' }));
  app.post('/penerima/:id/nik', async (c) => showDetail(c, { revealed: true }));

  // Tahap: 'stages.change' (admin, operator), through the stages service, audited in its transaction.
  app.post('/penerima/:id/tahap', requireCapability('stages.change'), async (c) => {
    const { prisma, now } = c.get('deps');
    const user = c.get('session').user;
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success || !(await recipientInScope(prisma, recipientScope(user), id.data))) return renderError(c, 404, 'errors.notFound');
    const body = await c.req.parseBody();
    const [program = '', stage = ''] = String(body['programStage'] ?? '').split('|');
    const text = (name: string) => String(body[name] ?? '').slice(0, 600);
    const result = await changeStage({ prisma }, id.data, { program, stage, date: text('date'), amount: text('amount'), channel: text('channel'), place: text('place'), note: text('note') }, {
      now: now(),
      audit: (tx, entry) => writeAudit(tx, { action: 'staff.stage.change', channel: 'dashboard', chatId: user.username, recipientId: entry.recipientId, staffUserId: user.id, details: entry.details as never }),
    });
    if (result.ok) return c.redirect(`${BASE}/penerima/${id.data}?tersimpan=1#tahap`, 303);
    if (result.code === 'unknown-recipient') return renderError(c, 404, 'errors.notFound');
    return showDetail(c, { revealed: false, errors: result.errors, audit: false }, 400);
  });

  return app;
}

async function showDetail(c: Context<DashboardEnv>, view: { revealed: boolean; saved?: boolean; errors?: StageFieldErrors; audit?: boolean }, status: 200 | 400 = 200) {
  const { revealed } = view;
  const { prisma } = c.get('deps');
  const { user } = c.get('session');
  const id = idParam.safeParse(c.req.param('id'));
  if (!id.success) return renderError(c, 404, 'errors.notFound');
  if (revealed && !can(user.role, 'recipients.reveal')) return renderError(c, 403, 'errors.forbidden');
  const detail = await loadRecipientDetail(prisma, recipientScope(user), id.data);
  if (!detail) return renderError(c, 404, 'errors.notFound');
  if (view.audit !== false) {
    await writeAudit(prisma, {
      action: revealed ? 'staff.reveal.nik' : 'staff.view.recipient',
      channel: 'dashboard',
      chatId: user.username,
      recipientId: detail.id,
      staffUserId: user.id,
    });
  }
  const stageForm = can(user.role, 'stages.change') ? (
    <StageChangeForm c={c} recipientId={detail.id} options={await stageOptions(prisma, c.get('lang'))} {...(view.errors ? { errors: view.errors } : {})} saved={view.saved ?? false} />
  ) : undefined;
  const attendance = can(user.role, 'sessions') ? await AttendanceHistory({ c, prisma, recipientId: detail.id }) : undefined;
  return c.html(<RecipientDetailView c={c} detail={detail} revealed={revealed} stageForm={stageForm} attendance={attendance} />, status);
}

async function stageOptions(prisma: Parameters<typeof searchRecipients>[0], lang: 'id' | 'en'): Promise<StageOption[]> {
  const programs = await prisma.program.findMany({ orderBy: { code: 'asc' }, include: { stages: { orderBy: { position: 'asc' } } } });
  return programs.flatMap((p) => p.stages.map((s) => ({ program: p.code, programName: p.code, stage: s.code, label: lang === 'en' ? s.labelEn : s.labelId })));
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
