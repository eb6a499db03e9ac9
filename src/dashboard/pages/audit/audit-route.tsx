import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { writeAudit } from '../../../audit/write-audit.js';
import { requireCapability } from '../../access/middleware.js';
import { can } from '../../access/roles.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { actionLabel, formatMoment, maskChatId } from '../../layout/format.js';
import { Layout } from '../../layout/layout.js';
import { queryString } from '../../layout/pagination.js';
import { csvLine } from './csv-line.js';
import { AUDIT_PAGE_SIZE, auditWhere, parseAuditFilters, type AuditFilters } from './audit-query.js';

const ACTIONS = [
  'disclose.eligibility', 'disclose.status', 'link', 'unlink', 'staff.login', 'staff.logout', 'staff.view.recipient', 'staff.search.recipients',
  'staff.reveal.nik', 'staff.import', 'staff.stage.change', 'staff.export', 'staff.audit.export', 'staff.password.change', 'user.create', 'user.disable',
  'user.enable', 'user.reset-password', 'group.create', 'group.update', 'group.members', 'group.facilitators',
];
const EXPORT_LIMIT = 200_000;

function filterQuery(filters: AuditFilters) {
  return { kpm: filters.kpm, staf: filters.staf, saluran: filters.saluran, aksi: filters.aksi, dari: filters.dari, sampai: filters.sampai };
}

// Access: 'audit.read' (admin, auditor). Chat ids are masked (a WhatsApp id is a phone number).
export function auditRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/audit', requireCapability('audit.read'));
  app.use('/audit/*', requireCapability('audit.read'));

  app.get('/audit', async (c) => {
    const { prisma } = c.get('deps');
    const t = c.get('t');
    const lang = c.get('lang');
    const user = c.get('session').user;
    const filters = parseAuditFilters(c.req.query());
    const where = await auditWhere(prisma, filters);
    const entries = await prisma.auditLog.findMany({
      where: filters.sebelum ? { AND: [where, { id: { lt: filters.sebelum } }] } : where,
      orderBy: { id: 'desc' },
      take: AUDIT_PAGE_SIZE + 1,
      include: { staffUser: { select: { username: true } } },
    });
    const shown = entries.slice(0, AUDIT_PAGE_SIZE);
    const next = entries.length > AUDIT_PAGE_SIZE ? shown.at(-1)?.id : undefined;
    const linkRecipients = can(user.role, 'recipients.read');
    return c.html(
      <Layout c={c} title={t('audit.title')}>
        <form method="get" action={`${BASE}/audit`} class="filters">
          <label>
            {t('audit.kpm')}
            <input name="kpm" value={filters.kpm ?? ''} placeholder={t('audit.kpmHint')} maxlength={20} />
          </label>
          <label>
            {t('audit.staff')}
            <input name="staf" value={filters.staf ?? ''} maxlength={64} />
          </label>
          <label>
            {t('audit.channel')}
            <select name="saluran">
              <option value="">{t('recipients.any')}</option>
              {['dashboard', 'telegram', 'whatsapp', 'whatsapp-cloud', 'console'].map((channel) => (
                <option value={channel} selected={filters.saluran === channel}>{channel}</option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.action')}
            <select name="aksi">
              <option value="">{t('recipients.any')}</option>
              {ACTIONS.map((action) => (
                <option value={action} selected={filters.aksi === action}>{actionLabel(t, action)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.from')}
            <input type="date" name="dari" value={filters.dari ?? ''} />
          </label>
          <label>
            {t('audit.to')}
            <input type="date" name="sampai" value={filters.sampai ?? ''} />
          </label>
          <button type="submit">{t('audit.submit')}</button>
          <a href={`${BASE}/audit/ekspor.csv${queryString(filterQuery(filters))}`}>{t('audit.export')}</a>
        </form>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('audit.at')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.channel')}</th>
                <th>{t('audit.chat')}</th>
                <th>{t('audit.staff')}</th>
                <th>{t('audit.kpm')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <tr>
                  <td>{formatMoment(entry.at, lang)}</td>
                  <td>{actionLabel(t, entry.action)}</td>
                  <td>{entry.channel}</td>
                  <td>{entry.staffUserId ? '' : maskChatId(entry.chatId)}</td>
                  <td>{entry.staffUser?.username ?? '—'}</td>
                  <td>
                    {entry.recipientId === null ? '—' : linkRecipients ? <a href={`${BASE}/penerima/${entry.recipientId}`}>#{entry.recipientId}</a> : `#${entry.recipientId}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {shown.length === 0 ? <p class="notice">{t('audit.none')}</p> : null}
        <div class="pager">
          {next ? <a href={`${BASE}/audit${queryString({ ...filterQuery(filters), sebelum: String(next) })}`}>{t('recipients.next')}</a> : null}
        </div>
      </Layout>,
    );
  });

  app.get('/audit/ekspor.csv', async (c) => {
    const { prisma } = c.get('deps');
    const user = c.get('session').user;
    const filters = parseAuditFilters(c.req.query());
    const where = await auditWhere(prisma, filters);
    await writeAudit(prisma, { action: 'staff.audit.export', channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id, details: { filters: Object.keys(filterQuery(filters)).filter((k) => filterQuery(filters)[k as keyof ReturnType<typeof filterQuery>]) } });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="audit.csv"');
    return stream(c, async (out) => {
      await out.write(csvLine(['id', 'at', 'action', 'channel', 'chat', 'staff', 'recipient_id']));
      // In pages of 5,000 by id, so a large log never sits in memory at once.
      let before: bigint | undefined;
      let written = 0;
      while (written < EXPORT_LIMIT) {
        const page = await prisma.auditLog.findMany({
          where: before ? { AND: [where, { id: { lt: before } }] } : where,
          orderBy: { id: 'desc' },
          take: 5000,
          include: { staffUser: { select: { username: true } } },
        });
        if (page.length === 0) break;
        await out.write(page.map((e) => csvLine([String(e.id), e.at.toISOString(), e.action, e.channel, e.staffUserId ? '' : maskChatId(e.chatId), e.staffUser?.username ?? '', e.recipientId === null ? '' : String(e.recipientId)])).join(''));
        written += page.length;
        before = page.at(-1)!.id;
      }
    });
  });

  return app;
}
