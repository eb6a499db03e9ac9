import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { can, type Capability } from '../access/roles.js';
import { BASE, type DashboardEnv } from '../dashboard-env.js';

const NAV: { path: string; key: string; capability: Capability }[] = [
  { path: 'ringkasan', key: 'nav.overview', capability: 'overview' },
  { path: 'penerima', key: 'nav.recipients', capability: 'recipients.read' },
  { path: 'kelompok', key: 'nav.groups', capability: 'groups.manage' },
  { path: 'pengumuman', key: 'nav.broadcasts', capability: 'broadcasts' },
  { path: 'jadwal', key: 'nav.sessions', capability: 'sessions' },
  { path: 'pengingat', key: 'nav.reminders', capability: 'reminders' },
  { path: 'jam-tenang', key: 'nav.quietHours', capability: 'quietHours.manage' },
  { path: 'laporan-usaha', key: 'nav.businessReports', capability: 'reports.read' },
  { path: 'umk', key: 'nav.wages', capability: 'wages.manage' },
  { path: 'impor', key: 'nav.import', capability: 'imports' },
  { path: 'ekspor', key: 'nav.export', capability: 'exports' },
  { path: 'audit', key: 'nav.audit', capability: 'audit.read' },
  { path: 'pengguna', key: 'nav.users', capability: 'users.manage' },
];

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/**
 * The shared page frame: header with the navigation the role may use, language switch and
 * logout. No inline script or style (the CSP forbids both); assets come from /dashboard/assets.
 */
export function Layout(props: { c: Context<DashboardEnv>; title: string; children?: Child; bare?: boolean }) {
  const { c } = props;
  const t = c.get('t');
  const lang = c.get('lang');
  const session = props.bare ? undefined : c.get('session');
  const back = encodeURIComponent(c.req.path);
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('app.name')}`}</title>
        {/* htmx would otherwise inject an inline <style>, which the CSP refuses. */}
        <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={`${BASE}/assets/dashboard.css`} />
        <script src={`${BASE}/assets/htmx.min.js`} defer></script>
      </head>
      <body>
        <header class="top">
          <a class="brand" href={`${BASE}/`}>{t('app.name')}</a>
          {session && !session.user.mustChangePassword ? (
            <nav>
              {NAV.filter((item) => can(session.user.role, item.capability)).map((item) => (
                <a href={`${BASE}/${item.path}`} aria-current={c.req.path.startsWith(`${BASE}/${item.path}`) ? 'page' : undefined}>
                  {t(item.key)}
                </a>
              ))}
            </nav>
          ) : null}
          <div class="who">
            <a href={`${BASE}/bahasa?lang=${lang === 'id' ? 'en' : 'id'}&back=${back}`} lang={lang === 'id' ? 'en' : 'id'}>
              {lang === 'id' ? 'English' : 'Bahasa Indonesia'}
            </a>
            {session ? (
              <form method="post" action={`${BASE}/keluar`} class="inline">
                <CsrfField token={session.csrfToken} />
                <span class="user">{session.user.displayName} ({t(`roles.${session.user.role}`)})</span>
                <button type="submit" class="link">{t('nav.logout')}</button>
              </form>
            ) : null}
          </div>
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}
