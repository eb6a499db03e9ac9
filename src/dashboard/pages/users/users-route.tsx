import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../../../audit/write-audit.js';
import { requireCapability } from '../../access/middleware.js';
import { ROLES } from '../../access/roles.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { CsrfField, Layout } from '../../layout/layout.js';
import { createStaffUser, resetStaffPassword, setStaffDisabled } from '../../staff/staff-accounts.js';

type C = Context<DashboardEnv>;
const idParam = z.coerce.number().int().positive().max(2_147_483_647);

// Access: 'users.manage' (admin only).
export function usersRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/pengguna', requireCapability('users.manage'));
  app.use('/pengguna/*', requireCapability('users.manage'));

  app.get('/pengguna', (c) => page(c));

  app.post('/pengguna', async (c) => {
    const body = await c.req.parseBody();
    const result = await createStaffUser(c.get('deps').prisma, {
      username: String(body['username'] ?? ''),
      displayName: String(body['displayName'] ?? ''),
      role: String(body['role'] ?? ''),
    });
    if (!result.ok) return page(c, { errorKey: `users.problem.${result.problem}` }, 400);
    await audit(c, 'user.create', result.id);
    return page(c, { oneTime: { username: String(body['username']).trim().toLowerCase(), password: result.oneTimePassword! } });
  });

  app.post('/pengguna/:id/:action', async (c) => {
    const { prisma } = c.get('deps');
    const id = idParam.safeParse(c.req.param('id'));
    const action = c.req.param('action');
    const target = id.success ? await prisma.staffUser.findUnique({ where: { id: id.data } }) : null;
    if (!target) return renderError(c, 404, 'errors.notFound');
    if (action === 'reset') {
      const result = await resetStaffPassword(prisma, target.username);
      await audit(c, 'user.reset-password', target.id);
      return page(c, { oneTime: { username: target.username, password: result.ok ? result.oneTimePassword! : '' } });
    }
    if (action === 'nonaktifkan' || action === 'aktifkan') {
      // An admin cannot lock themself out.
      if (target.id === c.get('session').user.id) return page(c, { errorKey: 'users.problem.self' }, 400);
      await setStaffDisabled(prisma, target.username, action === 'nonaktifkan');
      await audit(c, action === 'nonaktifkan' ? 'user.disable' : 'user.enable', target.id);
      return c.redirect(`${BASE}/pengguna`, 303);
    }
    return renderError(c, 404, 'errors.notFound');
  });

  return app;
}

async function audit(c: C, action: 'user.create' | 'user.disable' | 'user.enable' | 'user.reset-password', targetId: number) {
  const user = c.get('session').user;
  await writeAudit(c.get('deps').prisma, { action, channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id, details: { staffUserId: targetId } });
}

async function page(c: C, state: { errorKey?: string; oneTime?: { username: string; password: string } } = {}, status: 200 | 400 = 200) {
  const t = c.get('t');
  const session = c.get('session');
  const users = await c.get('deps').prisma.staffUser.findMany({ orderBy: { username: 'asc' }, include: { groups: { include: { group: { select: { name: true } } } } } });
  return c.html(
    <Layout c={c} title={t('users.title')}>
      {state.errorKey ? <p class="error" role="alert">{t(state.errorKey)}</p> : null}
      {state.oneTime ? (
        <p class="notice" role="status">
          {t('users.oneTime', { username: state.oneTime.username })} <strong class="nik" data-testid="one-time-password">{state.oneTime.password}</strong>
        </p>
      ) : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('users.username')}</th>
              <th>{t('users.displayName')}</th>
              <th>{t('users.role')}</th>
              <th>{t('users.groups')}</th>
              <th>{t('users.status')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr>
                <td>{user.username}</td>
                <td>{user.displayName}</td>
                <td>{t(`roles.${user.role}`)}</td>
                <td>{user.groups.map((g) => g.group.name).join(', ')}</td>
                <td>{user.disabled ? t('users.disabled') : t('users.active')}</td>
                <td>
                  <form method="post" action={`${BASE}/pengguna/${user.id}/reset`} class="inline">
                    <CsrfField token={session.csrfToken} />
                    <button type="submit" class="secondary">{t('users.reset')}</button>
                  </form>{' '}
                  {user.id === session.user.id ? null : (
                    <form method="post" action={`${BASE}/pengguna/${user.id}/${user.disabled ? 'aktifkan' : 'nonaktifkan'}`} class="inline">
                      <CsrfField token={session.csrfToken} />
                      <button type="submit" class="secondary">{user.disabled ? t('users.enable') : t('users.disable')}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('users.create')}</h2>
      <form method="post" action={`${BASE}/pengguna`} class="stack">
        <CsrfField token={session.csrfToken} />
        <label>
          {t('users.username')}
          <input name="username" required pattern="[a-zA-Z0-9._\-]{3,32}" maxlength={32} />
        </label>
        <label>
          {t('users.displayName')}
          <input name="displayName" required maxlength={80} />
        </label>
        <label>
          {t('users.role')}
          <select name="role">
            {ROLES.map((role) => (
              <option value={role}>{t(`roles.${role}`)}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t('users.createSubmit')}</button>
      </form>
      <p class="muted">{t('users.assignHint')}</p>
    </Layout>,
    status,
  );
}
