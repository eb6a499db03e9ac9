import { Hono } from 'hono';
import { pino, type Logger } from 'pino';
import { healthzRoute, type HealthCheck } from './routes/healthz.js';
import { telegramWebhookRoute, type TelegramWebhookTarget } from './routes/telegram-webhook.js';
import { whatsappCloudWebhookRoute, type WhatsappCloudWebhookTarget } from './routes/whatsapp-cloud-webhook.js';

export type { HealthCheck, HealthReport } from './routes/healthz.js';
export type { TelegramWebhookTarget } from './routes/telegram-webhook.js';
export type { WhatsappCloudWebhookTarget } from './routes/whatsapp-cloud-webhook.js';

export interface AppOptions {
  /** Leave unset when Telegram is not configured: its webhook then answers 404. */
  telegram?: TelegramWebhookTarget;
  /** The WhatsApp Cloud API channel and the sink for what it receives; unset: /webhooks/whatsapp answers 404. */
  whatsappCloud?: WhatsappCloudWebhookTarget;
  health: HealthCheck;
  logger?: Logger;
  /** The staff dashboard (src/dashboard), served under /dashboard; unset: no dashboard. */
  dashboard?: Hono<any>;
}

/**
 * The HTTP surface: health check and platform webhooks.
 *
 * @example
 * const app = createApp({ telegram: telegramChannel, health: async () => ({ ok: true }) });
 * const server = await startServer(app, 8080);
 */
export function createApp(options: AppOptions): Hono {
  const logger = options.logger ?? pino({ level: 'silent' });
  const app = new Hono();
  app.route('/', healthzRoute(options.health, logger));
  if (options.telegram) app.route('/', telegramWebhookRoute(options.telegram, logger));
  if (options.whatsappCloud) app.route('/', whatsappCloudWebhookRoute(options.whatsappCloud, logger));
  if (options.dashboard) app.route('/dashboard', options.dashboard);
  app.onError((error, c) => {
    // Never echo the error: messages can carry request data.
    logger.error({ errorName: error.name }, 'request failed');
    return c.json({ ok: false }, 500);
  });
  return app;
}
