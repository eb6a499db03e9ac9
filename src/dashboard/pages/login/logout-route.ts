import { Hono } from 'hono';
import { writeAudit } from '../../../audit/write-audit.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { clearSessionCookie } from '../../security/cookies.js';

/** POST /keluar (behind the login and CSRF check): ends the session on the server, then the cookie. */
export function logoutRoute() {
  const app = new Hono<DashboardEnv>();
  app.post('/keluar', async (c) => {
    const { sessions, prisma } = c.get('deps');
    const { tokenHash, user } = c.get('session');
    await sessions.destroy(tokenHash);
    await writeAudit(prisma, { action: 'staff.logout', channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id });
    clearSessionCookie(c);
    return c.redirect(`${BASE}/masuk`, 303);
  });
  return app;
}
