import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DashboardEnv } from '../dashboard-env.js';
import { Layout } from './layout.js';

/** A short page for 403/404/413/500: the reason in the user's language, nothing about the request. */
export function renderError(c: Context<DashboardEnv>, status: ContentfulStatusCode, key: string) {
  const t = c.get('t');
  const hasSession = Boolean(c.get('session'));
  return c.html(
    <Layout c={c} title={t(`${key}.title`)} bare={!hasSession}>
      <p>{t(`${key}.body`)}</p>
      <p>
        <a href="/dashboard/">{t('errors.home')}</a>
      </p>
    </Layout>,
    status,
  );
}
