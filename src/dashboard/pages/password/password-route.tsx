import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../../../audit/write-audit.js';
import { homePath } from '../../access/roles.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { CsrfField, Layout } from '../../layout/layout.js';
import { setSessionCookie } from '../../security/cookies.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../../security/password.js';

const form = z.object({ current: z.string().max(256), next: z.string().max(256), repeat: z.string().max(256) });

/** Every signed-in user may change their own password; after a one-time password they must. */
export function passwordRoute() {
  const app = new Hono<DashboardEnv>();

  const page = (c: Context<DashboardEnv>, errorKey?: string, status: 200 | 400 = 200) => {
    const t = c.get('t');
    const session = c.get('session');
    return c.html(
      <Layout c={c} title={t('password.title')}>
        {session.user.mustChangePassword ? <p class="notice">{t('password.mustChange')}</p> : null}
        {errorKey ? <p class="error" role="alert">{t(errorKey, { min: MIN_PASSWORD_LENGTH })}</p> : null}
        <form method="post" action={`${BASE}/kata-sandi`} class="stack">
          <CsrfField token={session.csrfToken} />
          <label>
            {t('password.current')}
            <input type="password" name="current" autocomplete="current-password" required />
          </label>
          <label>
            {t('password.next', { min: MIN_PASSWORD_LENGTH })}
            <input type="password" name="next" autocomplete="new-password" required minlength={MIN_PASSWORD_LENGTH} />
          </label>
          <label>
            {t('password.repeat')}
            <input type="password" name="repeat" autocomplete="new-password" required />
          </label>
          <button type="submit">{t('password.submit')}</button>
        </form>
      </Layout>,
      status,
    );
  };

  app.get('/kata-sandi', (c) => page(c));

  app.post('/kata-sandi', async (c) => {
    const { prisma, sessions } = c.get('deps');
    const parsed = form.safeParse(await c.req.parseBody());
    if (!parsed.success) return page(c, 'password.invalid', 400);
    const { current, next, repeat } = parsed.data;
    const user = c.get('session').user;
    const stored = await prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    if (!(await verifyPassword(stored.passwordHash, current))) return page(c, 'password.wrongCurrent', 400);
    if (next.length < MIN_PASSWORD_LENGTH) return page(c, 'password.tooShort', 400);
    if (next !== repeat) return page(c, 'password.mismatch', 400);
    if (next === current) return page(c, 'password.same', 400);
    await prisma.staffUser.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(next), mustChangePassword: false } });
    // Other sessions of this account (another browser) end; this one continues under a new token.
    await sessions.destroyAllOf(user.id);
    setSessionCookie(c, await sessions.create(user.id));
    await writeAudit(prisma, { action: 'staff.password.change', channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id });
    return c.redirect(homePath(user.role), 303);
  });

  return app;
}
