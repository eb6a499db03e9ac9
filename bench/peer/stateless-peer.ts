import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { Hono } from 'hono';
import { Telegraf, session, type Context } from 'telegraf';
import type { Update } from 'telegraf/types';

/**
 * The stateless peer the bench compares the project with: what a developer would write without
 * durability — a plain Telegraf bot with Telegraf's in-memory session (nothing survives a
 * restart, nothing is stored before the webhook is answered), its webhook on Hono. It answers
 * `/start`, `menu` and `bantuan` with one sendMessage each, the same texts (from the project's
 * locale file, so the replies are as long) and keyboard the project sends. Bench-only.
 */
export interface StatelessPeer {
  app: Hono;
  stop(): void;
}

interface PeerSession {
  turns: number;
}

type PeerContext = Context & { session?: PeerSession };

interface MenuTexts {
  menu: { greeting: string; prompt: string; choice: Record<string, string> };
  help: Record<string, string>;
}

export function createStatelessPeer(options: { token: string; apiRoot: string; secret: string }): StatelessPeer {
  const texts = JSON.parse(readFileSync(new URL('../../locales/id/translation.json', import.meta.url), 'utf8')) as MenuTexts;
  const choices = Object.values(texts.menu.choice).map((label, index) => `${index + 1}. ${label}`);
  const menuText = `${texts.menu.greeting}\n\n${texts.menu.prompt}\n${choices.join('\n')}`;
  const helpText = Object.values(texts.help).join('\n');
  const keyboard = { keyboard: choices.map((label) => [{ text: label }]), resize_keyboard: true, one_time_keyboard: true };

  // On the real Bot API (https) Telegraf keeps connections alive by default; give the loopback
  // (http) stand-in the same, or the peer would pay a TCP handshake per reply.
  const agent = new Agent({ keepAlive: true });
  const bot = new Telegraf<PeerContext>(options.token, { telegram: { apiRoot: options.apiRoot, agent, webhookReply: false } });
  bot.botInfo = { id: 7000002, is_bot: true, first_name: 'Peer', username: 'peer_bench_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
  bot.use(session({ defaultSession: () => ({ turns: 0 }) }));
  bot.use(async (ctx, next) => {
    if (ctx.session) ctx.session.turns += 1;
    await next();
  });
  bot.start((ctx) => ctx.reply(menuText, { reply_markup: keyboard }));
  bot.hears(/^menu$/i, (ctx) => ctx.reply(menuText, { reply_markup: keyboard }));
  bot.hears(/^bantuan$/i, (ctx) => ctx.reply(helpText));

  const app = new Hono();
  app.post('/webhooks/telegram', async (c) => {
    if (c.req.header('x-telegram-bot-api-secret-token') !== options.secret) return c.body(null, 401);
    let update: Update;
    try {
      update = (await c.req.json()) as Update;
    } catch {
      return c.body(null, 400);
    }
    await bot.handleUpdate(update);
    return c.body(null, 200);
  });
  return { app, stop: () => agent.destroy() };
}
