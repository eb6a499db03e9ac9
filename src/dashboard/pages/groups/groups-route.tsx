import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { maskName } from '../../../domain/names/mask-name.js';
import { maskNik } from '../../../domain/nik/mask-nik.js';
import { stripNikSeparators } from '../../../domain/nik/strip-nik-separators.js';
import { writeAudit, type AuditAction } from '../../../audit/write-audit.js';
import { requireCapability } from '../../access/middleware.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { CsrfField, Layout } from '../../layout/layout.js';
import { groupFormSchema, PROKUS_MODELS } from './group-form.js';

type C = Context<DashboardEnv>;
const idParam = z.coerce.number().int().positive().max(2_147_483_647);
const MEMBERS_SHOWN = 500;

// Access: 'groups.manage' (admin, operator): create and edit groups, members, facilitators.
export function groupsRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/kelompok', requireCapability('groups.manage'));
  app.use('/kelompok/*', requireCapability('groups.manage'));

  app.get('/kelompok', (c) => listPage(c));

  app.post('/kelompok', async (c) => {
    const { prisma } = c.get('deps');
    const parsed = groupFormSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return listPage(c, 'groups.invalid', 400);
    if (!(await prisma.program.findUnique({ where: { code: parsed.data.programCode } }))) return listPage(c, 'groups.invalid', 400);
    if (await prisma.kpmGroup.findUnique({ where: { name: parsed.data.name } })) return listPage(c, 'groups.taken', 400);
    const group = await prisma.kpmGroup.create({ data: parsed.data });
    await audit(c, 'group.create', { groupId: group.id });
    return c.redirect(`${BASE}/kelompok/${group.id}`, 303);
  });

  app.get('/kelompok/:id', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    return id.success ? detailPage(c, id.data) : renderError(c, 404, 'errors.notFound');
  });

  app.post('/kelompok/:id/:action', async (c) => {
    const { prisma } = c.get('deps');
    const id = idParam.safeParse(c.req.param('id'));
    const group = id.success ? await prisma.kpmGroup.findUnique({ where: { id: id.data } }) : null;
    if (!group) return renderError(c, 404, 'errors.notFound');
    const body = await c.req.parseBody();
    switch (c.req.param('action')) {
      case 'ubah': {
        const parsed = groupFormSchema.safeParse(body);
        if (!parsed.success || !(await prisma.program.findUnique({ where: { code: parsed.data.programCode } }))) return detailPage(c, group.id, 'groups.invalid', 400);
        const clash = await prisma.kpmGroup.findUnique({ where: { name: parsed.data.name } });
        if (clash && clash.id !== group.id) return detailPage(c, group.id, 'groups.taken', 400);
        await prisma.kpmGroup.update({ where: { id: group.id }, data: parsed.data });
        await audit(c, 'group.update', { groupId: group.id });
        break;
      }
      case 'anggota': {
        const nik = stripNikSeparators(String(body['nik'] ?? ''));
        const recipient = /^\d{16}$/.test(nik) ? await prisma.recipient.findUnique({ where: { nik }, select: { id: true } }) : null;
        if (!recipient) return detailPage(c, group.id, 'groups.unknownNik', 400);
        await prisma.kpmGroupMember.upsert({ where: { groupId_recipientId: { groupId: group.id, recipientId: recipient.id } }, create: { groupId: group.id, recipientId: recipient.id }, update: {} });
        await audit(c, 'group.members', { groupId: group.id, added: 1 }, recipient.id);
        break;
      }
      case 'keluarkan': {
        const recipientId = idParam.safeParse(body['recipientId']);
        if (!recipientId.success) return detailPage(c, group.id, 'groups.invalid', 400);
        await prisma.kpmGroupMember.deleteMany({ where: { groupId: group.id, recipientId: recipientId.data } });
        await audit(c, 'group.members', { groupId: group.id, removed: 1 }, recipientId.data);
        break;
      }
      case 'pendamping': {
        const staffUserId = idParam.safeParse(body['staffUserId']);
        const facilitator = staffUserId.success ? await prisma.staffUser.findUnique({ where: { id: staffUserId.data } }) : null;
        if (!facilitator || facilitator.role !== 'facilitator') return detailPage(c, group.id, 'groups.invalid', 400);
        const remove = body['remove'] === '1';
        if (remove) await prisma.kpmGroupFacilitator.deleteMany({ where: { groupId: group.id, staffUserId: facilitator.id } });
        else await prisma.kpmGroupFacilitator.upsert({ where: { groupId_staffUserId: { groupId: group.id, staffUserId: facilitator.id } }, create: { groupId: group.id, staffUserId: facilitator.id }, update: {} });
        await audit(c, 'group.facilitators', { groupId: group.id, staffUserId: facilitator.id, removed: remove });
        break;
      }
      default:
        return renderError(c, 404, 'errors.notFound');
    }
    return c.redirect(`${BASE}/kelompok/${group.id}`, 303);
  });

  return app;
}

async function audit(c: C, action: AuditAction, details: Record<string, number | boolean>, recipientId: number | null = null) {
  const user = c.get('session').user;
  await writeAudit(c.get('deps').prisma, { action, channel: 'dashboard', chatId: user.username, recipientId, staffUserId: user.id, details });
}

function GroupFields(props: { c: C; programs: { code: string; nameId: string; nameEn: string }[]; value?: { name: string; programCode: string; prokusModel: string | null; regency: string; district: string | null; village: string | null } }) {
  const t = props.c.get('t');
  const lang = props.c.get('lang');
  const v = props.value;
  return (
    <>
      <label>
        {t('groups.name')}
        <input name="name" required maxlength={100} value={v?.name ?? ''} />
      </label>
      <label>
        {t('groups.program')}
        <select name="programCode">
          {props.programs.map((p) => (
            <option value={p.code} selected={v?.programCode === p.code}>{lang === 'en' ? p.nameEn : p.nameId}</option>
          ))}
        </select>
      </label>
      <label>
        {t('groups.model')}
        <select name="prokusModel">
          <option value="">{t('groups.noModel')}</option>
          {PROKUS_MODELS.map((model) => (
            <option value={model} selected={v?.prokusModel === model}>{t(`groups.models.${model}`)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('recipients.regency')}
        <input name="regency" required maxlength={100} value={v?.regency ?? ''} />
      </label>
      <label>
        {t('recipients.district')}
        <input name="district" maxlength={100} value={v?.district ?? ''} />
      </label>
      <label>
        {t('recipients.village')}
        <input name="village" maxlength={100} value={v?.village ?? ''} />
      </label>
    </>
  );
}

async function listPage(c: C, errorKey?: string, status: 200 | 400 = 200) {
  const { prisma } = c.get('deps');
  const t = c.get('t');
  const session = c.get('session');
  const [groups, programs] = await Promise.all([
    prisma.kpmGroup.findMany({ orderBy: { name: 'asc' }, include: { _count: { select: { members: true } }, facilitators: { include: { staffUser: { select: { displayName: true } } } } } }),
    prisma.program.findMany({ orderBy: { code: 'asc' } }),
  ]);
  return c.html(
    <Layout c={c} title={t('groups.title')}>
      {errorKey ? <p class="error" role="alert">{t(errorKey)}</p> : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('groups.name')}</th>
              <th>{t('groups.program')}</th>
              <th>{t('groups.model')}</th>
              <th>{t('recipients.region')}</th>
              <th>{t('groups.members')}</th>
              <th>{t('groups.facilitators')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr>
                <td><a href={`${BASE}/kelompok/${g.id}`}>{g.name}</a></td>
                <td>{g.programCode}</td>
                <td>{g.prokusModel ? t(`groups.models.${g.prokusModel}`) : '—'}</td>
                <td>{[g.village, g.district, g.regency].filter(Boolean).join(', ')}</td>
                <td>{g._count.members}</td>
                <td>{g.facilitators.map((f) => f.staffUser.displayName).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('groups.create')}</h2>
      <form method="post" action={`${BASE}/kelompok`} class="stack">
        <CsrfField token={session.csrfToken} />
        <GroupFields c={c} programs={programs} />
        <button type="submit">{t('groups.createSubmit')}</button>
      </form>
    </Layout>,
    status,
  );
}

async function detailPage(c: C, id: number, errorKey?: string, status: 200 | 400 = 200) {
  const { prisma } = c.get('deps');
  const t = c.get('t');
  const session = c.get('session');
  const group = await prisma.kpmGroup.findUnique({
    where: { id },
    include: {
      members: { take: MEMBERS_SHOWN, include: { recipient: { select: { id: true, nik: true, fullName: true, village: true } } } },
      facilitators: { include: { staffUser: { select: { id: true, displayName: true, username: true } } } },
      _count: { select: { members: true } },
    },
  });
  if (!group) return renderError(c, 404, 'errors.notFound');
  const [programs, facilitators] = await Promise.all([
    prisma.program.findMany({ orderBy: { code: 'asc' } }),
    prisma.staffUser.findMany({ where: { role: 'facilitator', disabled: false }, orderBy: { displayName: 'asc' } }),
  ]);
  const csrf = <CsrfField token={session.csrfToken} />;
  return c.html(
    <Layout c={c} title={group.name}>
      {errorKey ? <p class="error" role="alert">{t(errorKey)}</p> : null}
      <p><a href={`${BASE}/kelompok`}>{t('groups.back')}</a></p>
      <h2>{t('groups.facilitators')}</h2>
      <ul>
        {group.facilitators.map((f) => (
          <li>
            {f.staffUser.displayName} ({f.staffUser.username}){' '}
            <form method="post" action={`${BASE}/kelompok/${group.id}/pendamping`} class="inline">
              {csrf}
              <input type="hidden" name="staffUserId" value={String(f.staffUser.id)} />
              <input type="hidden" name="remove" value="1" />
              <button type="submit" class="link">{t('groups.unassign')}</button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action={`${BASE}/kelompok/${group.id}/pendamping`} class="inline">
        {csrf}
        <select name="staffUserId" aria-label={t('groups.facilitators')}>
          {facilitators.map((f) => (
            <option value={String(f.id)}>{f.displayName} ({f.username})</option>
          ))}
        </select>
        <button type="submit">{t('groups.assign')}</button>
      </form>

      <h2>{t('groups.membersCount', { count: group._count.members })}</h2>
      <form method="post" action={`${BASE}/kelompok/${group.id}/anggota`} class="inline">
        {csrf}
        <input name="nik" placeholder="NIK" inputmode="numeric" maxlength={24} aria-label="NIK" required />
        <button type="submit">{t('groups.addMember')}</button>
      </form>
      <div class="table-wrap">
        <table>
          <tbody>
            {group.members.map((m) => (
              <tr>
                <td class="nik">{maskNik(m.recipient.nik)}</td>
                <td><a href={`${BASE}/penerima/${m.recipient.id}`}>{maskName(m.recipient.fullName)}</a></td>
                <td>{m.recipient.village}</td>
                <td>
                  <form method="post" action={`${BASE}/kelompok/${group.id}/keluarkan`} class="inline">
                    {csrf}
                    <input type="hidden" name="recipientId" value={String(m.recipient.id)} />
                    <button type="submit" class="link">{t('groups.removeMember')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('groups.edit')}</h2>
      <form method="post" action={`${BASE}/kelompok/${group.id}/ubah`} class="stack">
        {csrf}
        <GroupFields c={c} programs={programs} value={group} />
        <button type="submit">{t('groups.save')}</button>
      </form>
    </Layout>,
    status,
  );
}
