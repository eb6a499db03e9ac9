import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../../../audit/write-audit.js';
import { defaultLinkCodeSettings, issueLinkCode } from '../../../facilitators/link-codes.js';
import { toLocalTime } from '../../../domain/local-time.js';
import { groupScopeWhere, type SessionActor } from '../../../mentoring/session-actor.js';
import { cancelSession, createSession, listSessions, markAttendance, rescheduleSession, sessionDetail, type SessionProblem, type SessionSummary } from '../../../mentoring/sessions.js';
import { installationSecret } from '../../../storage/app-secret.js';
import type { Database } from '../../../storage/database.js';
import { requireCapability } from '../../access/middleware.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { CsrfField, Layout } from '../../layout/layout.js';
import { attendanceCsv, attendanceXlsx, type ExportLabels } from './attendance-export.js';
import { attendanceSchema, newSessionSchema, rescheduleSchema } from './session-form.js';

type C = Context<DashboardEnv>;
const idParam = z.coerce.number().int().positive().max(2_147_483_647);
const RECENT_MS = 30 * 24 * 60 * 60_000;

function actorOf(c: C): SessionActor {
  const user = c.get('session').user;
  return { staffUserId: user.id, role: user.role, channel: 'dashboard', chatId: user.username };
}

/** "Senin, 1 Desember 2026 10.00 WIB" without a client-side clock: the session's own zone. */
function whenOf(c: C, session: Pick<SessionSummary, 'startsAt' | 'timeZone'>): string {
  const local = toLocalTime(session.startsAt, session.timeZone);
  const [date, rest] = local.split('T') as [string, string];
  const zone = { '+07:00': 'WIB', '+08:00': 'WITA', '+09:00': 'WIT' }[rest.slice(5)] ?? rest.slice(5);
  return `${date} ${rest.slice(0, 5).replace(':', c.get('lang') === 'id' ? '.' : ':')} ${zone}`;
}

// Access: 'sessions' (admin, operator: every group; facilitator: their own groups, the rest
// answers 404 like a missing session). Every change is audited in the session service.
export function sessionsRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/jadwal', requireCapability('sessions'));
  app.use('/jadwal/*', requireCapability('sessions'));

  app.get('/jadwal', (c) => listPage(c));

  app.post('/jadwal', async (c) => {
    const parsed = newSessionSchema.safeParse(await c.req.parseBody({ all: true }));
    if (!parsed.success) return listPage(c, 'sessions.invalid', 400);
    const { prisma, now } = c.get('deps');
    const result = await prisma.$transaction((tx) =>
      createSession(tx, actorOf(c), { title: parsed.data.title, place: parsed.data.place, startsLocal: `${parsed.data.date}T${parsed.data.time}`, groupIds: parsed.data.groupIds }, c.get('deps').reminderOffsets, now()),
    );
    if (!result.ok) return listPage(c, problemKey(result.problem), 400);
    return c.redirect(`${BASE}/jadwal/${result.value.id}`, 303);
  });

  // The one-time code a facilitator types in WhatsApp or Telegram (DAFTAR 123456) to link that chat.
  app.post('/jadwal/kode', async (c) => {
    const user = c.get('session').user;
    if (user.role !== 'facilitator') return renderError(c, 404, 'errors.notFound');
    const { prisma, now } = c.get('deps');
    const secret = await installationSecret({ prisma } as Database, 'facilitator-link-secret');
    const issued = await prisma.$transaction((tx) => issueLinkCode(tx, { ...defaultLinkCodeSettings, secret }, user.id, now()));
    return listPage(c, undefined, 200, issued);
  });

  app.get('/jadwal/:id', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    return id.success ? detailPage(c, id.data) : renderError(c, 404, 'errors.notFound');
  });

  app.get('/jadwal/:id/ekspor/:format', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    const format = c.req.param('format');
    if (!id.success || (format !== 'csv' && format !== 'xlsx')) return renderError(c, 404, 'errors.notFound');
    const { prisma } = c.get('deps');
    const detail = await prisma.$transaction((tx) => sessionDetail(tx, actorOf(c), id.data));
    if (!detail) return renderError(c, 404, 'errors.notFound');
    const t = c.get('t');
    const labels: ExportLabels = {
      headers: [t('sessions.name'), t('recipients.village'), t('sessions.answer'), t('sessions.attendance')],
      rsvp: (value) => t(`sessions.rsvp.${value ?? 'none'}`),
      attended: (value) => t(`sessions.attended.${value === null ? 'unmarked' : value ? 'yes' : 'no'}`),
    };
    const user = c.get('session').user;
    await writeAudit(prisma, { action: 'session.export', channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id, details: { sessionId: id.data, format, rows: detail.invitees.length } });
    const name = `jadwal-${id.data}.${format}`;
    if (format === 'csv') {
      return c.body(attendanceCsv(detail.invitees, labels), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
    }
    const xlsx = await attendanceXlsx(detail, detail.invitees, labels);
    return c.body(new Uint8Array(xlsx), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}"`,
    });
  });

  app.post('/jadwal/:id/:action', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success) return renderError(c, 404, 'errors.notFound');
    const { prisma, now } = c.get('deps');
    const body = await c.req.parseBody({ all: true });
    const actor = actorOf(c);
    let problem: SessionProblem | 'invalid' | null = null;
    switch (c.req.param('action')) {
      case 'ubah': {
        const parsed = rescheduleSchema.safeParse(body);
        if (!parsed.success) problem = 'invalid';
        else {
          const result = await prisma.$transaction((tx) => rescheduleSession(tx, actor, id.data, `${parsed.data.date}T${parsed.data.time}`, c.get('deps').reminderOffsets, now()));
          if (!result.ok) problem = result.problem;
        }
        break;
      }
      case 'batalkan': {
        const result = await prisma.$transaction((tx) => cancelSession(tx, actor, id.data, now()));
        if (!result.ok) problem = result.problem;
        break;
      }
      case 'kehadiran': {
        const parsed = attendanceSchema.safeParse(body);
        if (!parsed.success) problem = 'invalid';
        else {
          const present = new Set(parsed.data.present);
          const marks = new Map(parsed.data.shown.map((invitationId) => [invitationId, present.has(invitationId)] as const));
          const result = await prisma.$transaction((tx) => markAttendance(tx, actor, id.data, marks, now()));
          if (!result.ok) problem = result.problem;
        }
        break;
      }
      default:
        return renderError(c, 404, 'errors.notFound');
    }
    if (problem === 'not-found') return renderError(c, 404, 'errors.notFound');
    if (problem) return detailPage(c, id.data, problem === 'invalid' ? 'sessions.invalid' : problemKey(problem), 400);
    return c.redirect(`${BASE}/jadwal/${id.data}`, 303);
  });

  return app;
}

function problemKey(problem: SessionProblem): string {
  return `sessions.problems.${problem}`;
}

async function listPage(c: C, errorKey?: string, status: 200 | 400 = 200, code?: { code: string; expiresAt: Date }) {
  const { prisma, now } = c.get('deps');
  const t = c.get('t');
  const session = c.get('session');
  const actor = actorOf(c);
  const [sessions, groups] = await prisma.$transaction(async (tx) => [
    await listSessions(tx, actor, { from: new Date(now().getTime() - RECENT_MS), includeCancelled: true, take: 200 }),
    await tx.kpmGroup.findMany({ where: groupScopeWhere(actor), orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  return c.html(
    <Layout c={c} title={t('sessions.title')}>
      {errorKey ? <p class="error" role="alert">{t(errorKey)}</p> : null}
      {session.user.role === 'facilitator' ? (
        <section>
          <h2>{t('sessions.link.title')}</h2>
          {code ? (
            <p class="notice" role="status">
              {t('sessions.link.show', { code: code.code, minutes: Math.round((code.expiresAt.getTime() - now().getTime()) / 60_000) })}
              <strong data-link-code={code.code}> DAFTAR {code.code}</strong>
            </p>
          ) : (
            <p>{t('sessions.link.help')}</p>
          )}
          <form method="post" action={`${BASE}/jadwal/kode`} class="inline">
            <CsrfField token={session.csrfToken} />
            <button type="submit">{t('sessions.link.submit')}</button>
          </form>
        </section>
      ) : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('sessions.when')}</th>
              <th>{t('sessions.titleField')}</th>
              <th>{t('sessions.groups')}</th>
              <th>{t('sessions.invited')}</th>
              <th>{t('sessions.answered')}</th>
              <th>{t('sessions.coming')}</th>
              <th>{t('sessions.attendedCount')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>{whenOf(c, s)}{s.status === 'cancelled' ? ` (${t('sessions.cancelled')})` : ''}</td>
                <td><a href={`${BASE}/jadwal/${s.id}`}>{s.title}</a></td>
                <td>{s.groupNames.join(', ')}</td>
                <td>{s.invited}</td>
                <td>{s.answered}</td>
                <td>{s.coming}</td>
                <td>{s.attended}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('sessions.create')}</h2>
      {groups.length === 0 ? (
        <p>{t('sessions.noGroups')}</p>
      ) : (
        <form method="post" action={`${BASE}/jadwal`} class="stack">
          <CsrfField token={session.csrfToken} />
          <label>{t('sessions.titleField')}<input name="title" required minlength={3} maxlength={200} /></label>
          <label>{t('sessions.date')}<input name="date" type="date" required /></label>
          <label>{t('sessions.time')}<input name="time" type="time" required /></label>
          <label>{t('sessions.place')}<input name="place" required minlength={3} maxlength={300} /></label>
          <fieldset>
            <legend>{t('sessions.groups')}</legend>
            {groups.map((g) => (
              <label><input type="checkbox" name="groupIds" value={String(g.id)} /> {g.name}</label>
            ))}
          </fieldset>
          <button type="submit">{t('sessions.createSubmit')}</button>
        </form>
      )}
    </Layout>,
    status,
  );
}

async function detailPage(c: C, id: number, errorKey?: string, status: 200 | 400 = 200) {
  const { prisma } = c.get('deps');
  const t = c.get('t');
  const session = c.get('session');
  const detail = await prisma.$transaction((tx) => sessionDetail(tx, actorOf(c), id));
  if (!detail) return renderError(c, 404, 'errors.notFound');
  const scheduled = detail.status === 'scheduled';
  return c.html(
    <Layout c={c} title={detail.title}>
      <p><a href={`${BASE}/jadwal`}>{t('sessions.back')}</a></p>
      {errorKey ? <p class="error" role="alert">{t(errorKey)}</p> : null}
      <dl class="facts">
        <dt>{t('sessions.when')}</dt><dd>{whenOf(c, detail)}{scheduled ? '' : ` (${t('sessions.cancelled')})`}</dd>
        <dt>{t('sessions.place')}</dt><dd>{detail.place}</dd>
        <dt>{t('sessions.groups')}</dt><dd>{detail.groupNames.join(', ')}</dd>
      </dl>
      <p class="counts" data-counts={`${detail.invited}/${detail.answered}/${detail.coming}/${detail.attended}`}>
        {t('sessions.summary', { invited: detail.invited, answered: detail.answered, coming: detail.coming, attended: detail.attended })}
      </p>
      <p>
        <a href={`${BASE}/jadwal/${detail.id}/ekspor/xlsx`}>{t('sessions.exportXlsx')}</a> · <a href={`${BASE}/jadwal/${detail.id}/ekspor/csv`}>{t('sessions.exportCsv')}</a>
      </p>
      <form method="post" action={`${BASE}/jadwal/${detail.id}/kehadiran`}>
        <CsrfField token={session.csrfToken} />
        <div class="table-wrap">
          <table>
            <thead>
              <tr><th>{t('sessions.name')}</th><th>{t('recipients.village')}</th><th>{t('sessions.answer')}</th><th>{t('sessions.attendance')}</th></tr>
            </thead>
            <tbody>
              {detail.invitees.map((invitee) => (
                <tr>
                  <td><a href={`${BASE}/penerima/${invitee.recipientId}`}>{invitee.fullName}</a></td>
                  <td>{invitee.village}</td>
                  <td>{t(`sessions.rsvp.${invitee.rsvp ?? 'none'}`)}</td>
                  <td>
                    <input type="hidden" name="shown" value={String(invitee.invitationId)} />
                    <label><input type="checkbox" name="present" value={String(invitee.invitationId)} checked={invitee.attended === true} /> {t('sessions.present')}</label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {detail.invitees.length > 0 ? <button type="submit">{t('sessions.saveAttendance')}</button> : null}
      </form>
      {scheduled ? (
        <>
          <h2>{t('sessions.reschedule')}</h2>
          <form method="post" action={`${BASE}/jadwal/${detail.id}/ubah`} class="stack">
            <CsrfField token={session.csrfToken} />
            <label>{t('sessions.date')}<input name="date" type="date" required /></label>
            <label>{t('sessions.time')}<input name="time" type="time" required /></label>
            <button type="submit">{t('sessions.rescheduleSubmit')}</button>
          </form>
          <h2>{t('sessions.cancel')}</h2>
          <form method="post" action={`${BASE}/jadwal/${detail.id}/batalkan`}>
            <CsrfField token={session.csrfToken} />
            <button type="submit" class="danger">{t('sessions.cancelSubmit')}</button>
          </form>
        </>
      ) : null}
    </Layout>,
    status,
  );
}
