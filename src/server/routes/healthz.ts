import { Hono } from 'hono';
import type { Logger } from 'pino';

export interface HealthReport {
  ok: boolean;
  /** Reported instead of "unavailable" when not ok but partly working (database up, a channel not connected). */
  status?: 'degraded';
  details?: Record<string, unknown>;
}

/** Checks the service's dependencies (database, channels). A rejection counts as not ok. */
export type HealthCheck = () => Promise<HealthReport>;

/** `GET /healthz`: 200 when healthy, 503 otherwise, so a load balancer can act on the code alone. */
export function healthzRoute(health: HealthCheck, logger: Logger): Hono {
  return new Hono().get('/healthz', async (c) => {
    let report: HealthReport;
    try {
      report = await health();
    } catch (error) {
      logger.error({ errorName: error instanceof Error ? error.name : typeof error }, 'health check threw');
      return c.json({ status: 'unavailable' }, 503);
    }
    const body = {
      status: report.ok ? 'ok' : (report.status ?? 'unavailable'),
      ...(report.details !== undefined && { details: report.details }),
    };
    return c.json(body, report.ok ? 200 : 503);
  });
}
