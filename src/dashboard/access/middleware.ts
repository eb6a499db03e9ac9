import type { MiddlewareHandler } from 'hono';
import { BASE, type DashboardEnv } from '../dashboard-env.js';
import { clearSessionCookie, readSessionCookie } from '../security/cookies.js';
import { sameToken } from '../security/same-token.js';
import { renderError } from '../layout/error-page.js';
import { can, type Capability } from './roles.js';

/** Every route behind the login: a live session or a redirect to the login page. */
export const authenticate: MiddlewareHandler<DashboardEnv> = async (c, next) => {
  const session = await c.get('deps').sessions.resolve(readSessionCookie(c));
  if (!session) {
    clearSessionCookie(c);
    return c.redirect(`${BASE}/masuk`, 303);
  }
  c.set('session', session);
  c.header('Cache-Control', 'no-store');
  return next();
};

/** Every state-changing request carries the session's CSRF token in the `_csrf` form field. */
export const verifyCsrf: MiddlewareHandler<DashboardEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const body = await c.req.parseBody().catch(() => undefined);
  if (!body || !sameToken(body['_csrf'], c.get('session').csrfToken)) return renderError(c, 403, 'errors.csrf');
  return next();
};

/** A first login with a one-time password goes to the change-password page before anything else. */
export const requirePasswordChanged: MiddlewareHandler<DashboardEnv> = async (c, next) => {
  const path = c.req.path;
  if (c.get('session').user.mustChangePassword && path !== `${BASE}/kata-sandi` && path !== `${BASE}/keluar`) {
    return c.redirect(`${BASE}/kata-sandi`, 303);
  }
  return next();
};

/** The role check of one route. A missing capability answers 403, never the page. */
export function requireCapability(capability: Capability): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    if (!can(c.get('session').user.role, capability)) return renderError(c, 403, 'errors.forbidden');
    return next();
  };
}
