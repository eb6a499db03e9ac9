import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { DashboardEnv } from '../dashboard-env.js';
import { BASE } from '../dashboard-env.js';

export const SESSION_COOKIE = 'kpm_dashboard_session';
export const LOGIN_CSRF_COOKIE = 'kpm_dashboard_login';
export const LANGUAGE_COOKIE = 'kpm_dashboard_lang';

type C = Context<DashboardEnv>;

function base(c: C) {
  return { path: BASE, httpOnly: true, secure: c.get('deps').secureCookies, sameSite: 'Lax' as const };
}

/** Session cookie without Max-Age: it ends with the browser; the server enforces idle and absolute expiry. */
export function setSessionCookie(c: C, token: string): void {
  setCookie(c, SESSION_COOKIE, token, base(c));
}

export function readSessionCookie(c: C): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function clearSessionCookie(c: C): void {
  deleteCookie(c, SESSION_COOKIE, base(c));
}

/** Double-submit token for the login form, which has no session yet (login CSRF). */
export function setLoginCsrfCookie(c: C, token: string): void {
  setCookie(c, LOGIN_CSRF_COOKIE, token, { ...base(c), sameSite: 'Strict', maxAge: 3600 });
}

export function readLoginCsrfCookie(c: C): string | undefined {
  return getCookie(c, LOGIN_CSRF_COOKIE);
}

export function setLanguageCookie(c: C, language: string): void {
  setCookie(c, LANGUAGE_COOKIE, language, { ...base(c), maxAge: 365 * 24 * 3600 });
}

export function readLanguageCookie(c: C): string | undefined {
  return getCookie(c, LANGUAGE_COOKIE);
}
