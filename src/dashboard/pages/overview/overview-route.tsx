import { Hono } from 'hono';
import { raw } from 'hono/html';
import { funnelChart, inboundChart } from '../../../reporting/charts/overview-charts.js';
import { loadOverview } from '../../../reporting/overview/load-overview.js';
import { requireCapability } from '../../access/middleware.js';
import type { DashboardEnv } from '../../dashboard-env.js';
import { appTranslator } from '../../i18n/dashboard-translator.js';
import { Layout } from '../../layout/layout.js';

// Access: 'overview' (admin, operator, auditor): counts only, no personal data.
export function overviewRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/ringkasan', requireCapability('overview'));

  app.get('/ringkasan', async (c) => {
    const { prisma, now } = c.get('deps');
    const t = c.get('t');
    const lang = c.get('lang');
    const overview = await loadOverview({ prisma }, { now: now() });
    const appT = appTranslator();
    return c.html(
      <Layout c={c} title={t('overview.title')}>
        <div class="cards">
          <section class="card">
            <h2>{t('overview.chats')}</h2>
            {overview.linkedChats.length === 0 ? (
              <p class="muted">{t('recipients.noChats')}</p>
            ) : (
              <table>
                <tbody>
                  {overview.linkedChats.map((row) => (
                    <tr>
                      <td>{row.channel}</td>
                      <td>{row.chats}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section class="card">
            <h2>{t('overview.outbox')}</h2>
            <table>
              <tbody>
                <tr><td>{t('overview.pending')}</td><td>{overview.outbox.pending}</td></tr>
                <tr><td>{t('overview.sending')}</td><td>{overview.outbox.sending}</td></tr>
                <tr><td>{t('overview.failed')}</td><td>{overview.outbox.failed}</td></tr>
                <tr><td>{t('overview.blocked')}</td><td>{overview.outbox.blockedChats}</td></tr>
              </tbody>
            </table>
          </section>
        </div>
        <h2>{t('overview.messages')}</h2>
        {/* Server-rendered SVG (src/reporting/charts): attributes and classes only, escaped text, no script. */}
        <figure class="card">{raw(inboundChart(overview.inboundPerDay, appT, lang))}</figure>
        <h2>{t('overview.funnels')}</h2>
        <div class="cards">
          {overview.programs.map((funnel) => (
            <figure class="card">{raw(funnelChart(funnel, appT, lang))}</figure>
          ))}
        </div>
      </Layout>,
    );
  });
  return app;
}
