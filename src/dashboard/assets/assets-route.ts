import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import type { DashboardEnv } from '../dashboard-env.js';

// Every asset comes from the repository or node_modules (no CDN), read once at start.
const require = createRequire(import.meta.url);
const css = readFileSync(new URL('./dashboard.css', import.meta.url), 'utf8');
const htmx = readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8');

export function assetsRoute() {
  const app = new Hono<DashboardEnv>();
  const cache = 'public, max-age=3600';
  app.get('/assets/dashboard.css', (c) => c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': cache }));
  app.get('/assets/htmx.min.js', (c) => c.body(htmx, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': cache }));
  return app;
}
