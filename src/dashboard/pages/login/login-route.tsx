import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../../../audit/write-audit.js';
import { homePath, isRole } from '../../access/roles.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { clientAddress } from '../../security/client-address.js';
import { readLoginCsrfCookie, setLoginCsrfCookie, setSessionCookie } from '../../security/cookies.js';
import { hashPassword, verifyPassword } from '../../security/password.js';
import { sameToken } from '../../security/same-token.js';
import { LoginView } from './login-view.js';

const loginForm = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
  _csrf: z.string().max(100).default(''),
});

// A hash to verify against when the username is unknown, so both cases cost the same time.
let dummyHash: Promise<string> | undefined;

/** Public: GET shows the form, POST checks the password under the per-account and per-address limits. */
export function loginRoute() {
  const app = new Hono<DashboardEnv>();

  app.get('/masuk', (c) => {
    const token = randomBytes(24).toString('base64url');
    setLoginCsrfCookie(c, token);
    return c.html(<LoginView c={c} loginToken={token} />);
  });

  app.post('/masuk', async (c) => {
    const { prisma, throttle, sessions } = c.get('deps');
    const body = await c.req.parseBody().catch(() => ({}));
    const parsed = loginForm.safeParse(body);
    const fresh = randomBytes(24).toString('base64url');
    setLoginCsrfCookie(c, fresh);
    const again = (errorKey: string, status: 400 | 403 | 429 | 401, username?: string) =>
      c.html(<LoginView c={c} loginToken={fresh} errorKey={errorKey} {...(username ? { username } : {})} />, status);

    if (!parsed.success) return again('login.invalid', 400);
    if (!sameToken(parsed.data._csrf, readLoginCsrfCookie(c))) return again('errors.csrf.body', 403);
    const { username, password } = parsed.data;
    const address = clientAddress(c);
    if (await throttle.isLocked(username, address)) return again('login.locked', 429, username);

    const user = await prisma.staffUser.findUnique({ where: { username } });
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
    if (!user || !ok || user.disabled || !isRole(user.role)) {
      await throttle.record(username, address, false);
      return again('login.failed', 401, username);
    }
    await throttle.record(username, address, true);
    const token = await sessions.create(user.id);
    await writeAudit(prisma, { action: 'staff.login', channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id });
    setSessionCookie(c, token);
    return c.redirect(user.mustChangePassword ? `${BASE}/kata-sandi` : homePath(user.role), 303);
  });

  return app;
}
