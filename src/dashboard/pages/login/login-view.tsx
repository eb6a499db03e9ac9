import type { Context } from 'hono';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { Layout } from '../../layout/layout.js';

export function LoginView(props: { c: Context<DashboardEnv>; loginToken: string; username?: string; errorKey?: string }) {
  const t = props.c.get('t');
  return (
    <Layout c={props.c} title={t('login.title')} bare>
      {props.errorKey ? (
        <p class="error" role="alert">
          {t(props.errorKey)}
        </p>
      ) : null}
      <form method="post" action={`${BASE}/masuk`} class="stack">
        <input type="hidden" name="_csrf" value={props.loginToken} />
        <label>
          {t('login.username')}
          <input name="username" autocomplete="username" required maxlength={64} value={props.username ?? ''} />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autocomplete="current-password" required maxlength={256} />
        </label>
        <button type="submit">{t('login.submit')}</button>
      </form>
    </Layout>
  );
}
