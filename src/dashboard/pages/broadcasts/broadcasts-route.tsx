import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { BroadcastRow } from '../../../proactive/broadcasts.js';
import { targetWithinScope } from '../../../proactive/broadcasts.js';
import { typedText, type MessageSpec } from '../../../proactive/message-spec.js';
import { isEveryone } from '../../../proactive/target.js';
import type { Scope } from '../../../proactive/types.js';
import { requireCapability } from '../../access/middleware.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { formatMoment } from '../../layout/format.js';
import { CsrfField, Layout } from '../../layout/layout.js';
import { broadcastFormSchema, targetOfForm } from './broadcast-form.js';
import { instantOfLocal as instantOf } from '../../../domain/local-time.js';
import { formatLocalMoment } from '../../layout/local-moment.js';
import { broadcastScope } from './broadcast-scope.js';
import { losesOwnerGroups, OwnerGroupsNote } from './owner-groups-note.js';
import { LeftOutList, ProgressTable, TargetFieldset, TargetSummary } from './broadcast-views.js';
import { targetTimeZone } from './target-zone.js';

type C = Context<DashboardEnv>;
const idParam = z.coerce.number().int().positive().max(2_147_483_647);

// Access: 'broadcasts' (admin, operator: any target; facilitator: their own groups only).
export function broadcastsRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/pengumuman', requireCapability('broadcasts'));
  app.use('/pengumuman/*', requireCapability('broadcasts'));

  app.get('/pengumuman', (c) => listPage(c));

  // Creates a draft (idempotent on the form's request key) and shows its preview.
  app.post('/pengumuman', async (c) => {
    const { prisma, proactive } = c.get('deps');
    const user = c.get('session').user;
    const parsed = broadcastFormSchema.safeParse(await c.req.parseBody({ all: true }));
    if (!parsed.success) return listPage(c, 'broadcasts.invalid', 400);
    const scope = await broadcastScope(prisma, user);
    const target = targetOfForm(parsed.data, scope === 'all');
    if (isEveryone(target)) return listPage(c, 'broadcasts.noTarget', 400);
    if (!targetWithinScope(target, scope)) return renderError(c, 403, 'errors.forbidden');
    // A later send time is the wall clock of the target's zone (WIB/WITA/WIT).
    const { sendDate, sendTime } = parsed.data;
    let schedule: { sendAt: Date; timeZone: string } | null = null;
    if (sendDate || sendTime) {
      if (!sendDate || !sendTime) return listPage(c, 'broadcasts.sendAtIncomplete', 400);
      const timeZone = await targetTimeZone(prisma, target);
      const sendAt = instantOf(`${sendDate}T${sendTime}`, timeZone);
      if (!sendAt) return listPage(c, 'broadcasts.sendAtIncomplete', 400);
      if (sendAt.getTime() <= c.get('deps').now().getTime()) return listPage(c, 'broadcasts.sendAtPast', 400);
      schedule = { sendAt, timeZone };
    }
    const broadcast = await proactive.createBroadcast(
      { requestKey: `dashboard-${user.id}-${parsed.data.requestKey}`, createdById: user.id, target, message: { kind: 'text', text: parsed.data.text }, ...(schedule ?? {}) },
      scope,
    );
    return c.redirect(`${BASE}/pengumuman/${broadcast.id}`, 303);
  });

  app.get('/pengumuman/:id', async (c) => {
    const found = await ownBroadcast(c);
    return found ? detailPage(c, found.broadcast, found.scope) : renderError(c, 404, 'errors.notFound');
  });

  // The progress table alone: the detail page's htmx polls it while the broadcast runs.
  app.get('/pengumuman/:id/progres', async (c) => {
    const found = await ownBroadcast(c);
    if (!found) return renderError(c, 404, 'errors.notFound');
    const progress = await c.get('deps').proactive.progress(found.broadcast.id);
    return c.html(<ProgressTable c={c} id={found.broadcast.id} progress={progress} live={isLive(c, found.broadcast, progress.queued)} />);
  });

  app.post('/pengumuman/:id/kirim', async (c) => {
    const found = await ownBroadcast(c);
    if (!found || !mayConfirm(found)) return renderError(c, 404, 'errors.notFound');
    const { proactive, wakeOutbox } = c.get('deps');
    const result = await proactive.confirmBroadcast(found.broadcast.id, found.scope, c.get('session').user.id);
    if (result.enqueued && result.enqueued.queued > 0) wakeOutbox?.();
    return c.redirect(`${BASE}/pengumuman/${found.broadcast.id}`, 303);
  });

  app.post('/pengumuman/:id/batal', async (c) => {
    const found = await ownBroadcast(c);
    if (!found) return renderError(c, 404, 'errors.notFound');
    await c.get('deps').proactive.cancelBroadcast(found.broadcast.id, c.get('session').user.id);
    return c.redirect(`${BASE}/pengumuman/${found.broadcast.id}`, 303);
  });

  return app;
}

/**
 * The broadcast named in the path, when this user may see it (a facilitator: their own, also
 * after a group was taken from them, so they see it skipped there and may cancel it; confirming
 * needs `mayConfirm`).
 */
async function ownBroadcast(c: C): Promise<{ broadcast: BroadcastRow; scope: Scope } | null> {
  const { prisma, proactive } = c.get('deps');
  const user = c.get('session').user;
  const id = idParam.safeParse(c.req.param('id'));
  if (!id.success) return null;
  const broadcast = await proactive.findBroadcast(id.data);
  if (!broadcast) return null;
  const scope = await broadcastScope(prisma, user);
  if (scope !== 'all' && broadcast.createdById !== user.id) return null;
  return { broadcast, scope };
}

/** A draft is confirmed only for a target within the user's groups now. */
function mayConfirm(found: { broadcast: BroadcastRow; scope: Scope }): boolean {
  return targetWithinScope(found.broadcast.target, found.scope);
}

async function listPage(c: C, errorKey?: string, status: 200 | 400 = 200) {
  const { prisma } = c.get('deps');
  const t = c.get('t');
  const lang = c.get('lang');
  const session = c.get('session');
  const now = c.get('deps').now();
  const scope = await broadcastScope(prisma, session.user);
  const operator = scope === 'all';
  const [groups, programs, broadcasts] = await Promise.all([
    prisma.kpmGroup.findMany({ where: operator ? {} : { id: { in: scope.groupIds } }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    operator ? prisma.program.findMany({ orderBy: { code: 'asc' }, select: { code: true, nameId: true, nameEn: true } }) : Promise.resolve([]),
    prisma.broadcast.findMany({ where: operator ? {} : { createdById: session.user.id }, orderBy: { id: 'desc' }, take: 50 }),
  ]);
  return c.html(
    <Layout c={c} title={t('broadcasts.title')}>
      {errorKey ? <p class="error" role="alert">{t(errorKey)}</p> : null}
      <h2>{t('broadcasts.new')}</h2>
      <form method="post" action={`${BASE}/pengumuman`} class="stacked">
        <CsrfField token={session.csrfToken} />
        <input type="hidden" name="requestKey" value={randomBytes(12).toString('base64url')} />
        <label>
          {t('broadcasts.text')}
          <textarea name="text" required maxlength={2000} rows={4}></textarea>
        </label>
        <TargetFieldset c={c} groups={groups} programs={programs} operator={operator} />
        <fieldset>
          <legend>{t('broadcasts.schedule')}</legend>
          <p class="muted">{t('broadcasts.scheduleHint')}</p>
          <label>
            {t('broadcasts.sendDate')}
            <input type="date" name="sendDate" />
          </label>
          <label>
            {t('broadcasts.sendTime')}
            <input type="time" name="sendTime" />
          </label>
        </fieldset>
        <button type="submit">{t('broadcasts.preview')}</button>
      </form>
      <h2>{t('broadcasts.recent')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('broadcasts.created')}</th>
              <th>{t('broadcasts.text')}</th>
              <th>{t('broadcasts.status')}</th>
            </tr>
          </thead>
          <tbody>
            {broadcasts.map((b) => (
              <tr>
                <td><a href={`${BASE}/pengumuman/${b.id}`}>{formatMoment(b.createdAt, lang)}</a></td>
                <td>{excerpt(typedText(b.message as unknown as MessageSpec))}</td>
                <td data-testid={`broadcast-${b.id}-status`}>
                  {t(`broadcasts.statuses.${statusOf(b, now)}`)}
                  {b.sendAt && b.status !== 'cancelled' ? ` · ${formatLocalMoment(b.sendAt, b.timeZone ?? 'Asia/Jakarta', lang)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
    status,
  );
}

async function detailPage(c: C, broadcast: BroadcastRow, scope: Scope) {
  const { proactive } = c.get('deps');
  const t = c.get('t');
  const lang = c.get('lang');
  const session = c.get('session');
  const now = c.get('deps').now();
  const text = typedText(broadcast.message);
  const base = `${BASE}/pengumuman/${broadcast.id}`;
  const preview = broadcast.status === 'draft' && mayConfirm({ broadcast, scope }) ? await proactive.preview(broadcast.target, scope) : null;
  // Said while it is still to be queued; once queued, its progress counts the skipped ones.
  const losesGroups = broadcast.status !== 'cancelled' && broadcast.enqueuedAt === null && (await losesOwnerGroups(c.get('deps').prisma, broadcast));
  // Nothing to count before the scheduler queues a scheduled one: no table of zeros meanwhile.
  const waiting = broadcast.status === 'draft' || (broadcast.status === 'queued' && broadcast.enqueuedAt === null);
  const progress = waiting ? null : await proactive.progress(broadcast.id);
  return c.html(
    <Layout c={c} title={t('broadcasts.detailTitle', { id: broadcast.id })}>
      <p><a href={`${BASE}/pengumuman`}>{t('broadcasts.back')}</a></p>
      <blockquote class="message">{text}</blockquote>
      <TargetSummary c={c} target={broadcast.target} />
      {losesGroups ? <OwnerGroupsNote c={c} /> : null}
      <p>
        {t('broadcasts.status')}: <strong data-testid="broadcast-status">{t(`broadcasts.statuses.${statusOf(broadcast, now)}`)}</strong>
      </p>
      {broadcast.sendAt ? (
        <p>
          {t('broadcasts.sendAt')}: <strong data-testid="send-at">{formatLocalMoment(broadcast.sendAt, broadcast.timeZone ?? 'Asia/Jakarta', lang)}</strong>
        </p>
      ) : null}
      {preview ? (
        <section>
          <p class="reach">
            {t('broadcasts.reach', { count: preview.reach })} <strong data-testid="reach">{preview.reach}</strong>
          </p>
          <LeftOutList c={c} leftOut={preview.leftOut} />
          <form method="post" action={`${base}/kirim`} class="inline">
            <CsrfField token={session.csrfToken} />
            <button type="submit" disabled={preview.reach === 0}>{t('broadcasts.confirm', { count: preview.reach })}</button>
          </form>
        </section>
      ) : null}
      {progress ? <ProgressTable c={c} id={broadcast.id} progress={progress} live={isLive(c, broadcast, progress.queued)} /> : null}
      {broadcast.status !== 'cancelled' && (progress === null || progress.queued > 0 || broadcast.enqueuedAt === null) ? (
        <form method="post" action={`${base}/batal`} class="inline">
          <CsrfField token={session.csrfToken} />
          <button type="submit" class="danger">{t('broadcasts.cancel')}</button>
        </form>
      ) : null}
    </Layout>,
  );
}

/**
 * 'scheduled' (terjadwal) while a confirmed broadcast waits for its later send time: until the
 * scheduler has queued it (`enqueuedAt`), or, queued at confirmation, until `sendAt`.
 */
function statusOf(broadcast: { status: string; sendAt: Date | null; enqueuedAt: Date | null }, now: Date): string {
  if (broadcast.status !== 'queued' || !broadcast.sendAt) return broadcast.status;
  return broadcast.enqueuedAt === null || broadcast.sendAt > now ? 'scheduled' : 'queued';
}

/** Progress is refreshed while messages wait to go out now, not for days before a scheduled one. */
function isLive(c: C, broadcast: BroadcastRow, queued: number): boolean {
  return statusOf(broadcast, c.get('deps').now()) === 'queued' && queued > 0;
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
