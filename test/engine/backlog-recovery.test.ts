import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationEngine } from '../../src/engine/conversation-engine.js';
import type { FlowBinding } from '../../src/engine/flow-binding.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { echoFlowBinding, renderEcho } from '../support/echo-flow.js';

const logger = pino({ level: 'silent' });
const BACKLOG = 60;

/**
 * A process restarted after a crash finds a backlog of pending messages. Draining it must not
 * starve the webhooks: a new message is stored (and so acknowledged to the platform) after a
 * few backlog conversations, not after all of them.
 */
describe.each(backends)('backlog recovery on $kind', (backend) => {
  let db: TestDatabase;
  let engine: ConversationEngine | undefined;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await engine?.stop();
    await db.dispose();
  });

  it.skipIf(backend.skipReason)('stores a new message while the sweep drains a backlog, a few conversations at a time', async () => {
    await db.prisma.inboundMessage.createMany({
      data: Array.from({ length: BACKLOG }, (_, i) => ({
        channel: 'telegram',
        chatId: `backlog-${i}`,
        externalId: `b${i}`,
        payload: { content: { kind: 'text', text: `m${i}` } },
      })),
    });
    // Counts turns as they run: one per message.
    let turns = 0;
    const echo = echoFlowBinding();
    const counting: FlowBinding = { ...echo, toEvent: (content) => ((turns += 1), echo.toEvent(content)) };
    engine = new ConversationEngine({ db, flow: counting, render: renderEcho, logger, idleTimeoutMs: 60_000, sweepIntervalMs: 60_000 });

    engine.start();
    await expect.poll(() => turns, { interval: 1, timeout: 30_000 }).toBeGreaterThan(0);
    const outcome = await engine.receive({ channel: 'telegram', chatId: 'new-chat', externalId: 'fresh', content: { kind: 'text', text: 'halo' } });
    const turnsWhenStored = turns;
    expect(outcome).toBe('stored');
    // With every backlog conversation drained at once, the insert queued behind all of them.
    expect(turnsWhenStored).toBeLessThan(20);

    await expect.poll(() => db.prisma.inboundMessage.count({ where: { status: 'pending' } }), { timeout: 60_000 }).toBe(0);
    expect(await db.prisma.outboundMessage.count()).toBe(BACKLOG + 1);
  });

  it.skipIf(backend.skipReason)('stops sweeping a backlog promptly when stopped', async () => {
    await db.prisma.inboundMessage.createMany({
      data: Array.from({ length: BACKLOG }, (_, i) => ({
        channel: 'telegram',
        chatId: `backlog-${i}`,
        externalId: `b${i}`,
        payload: { content: { kind: 'text', text: `m${i}` } },
      })),
    });
    let turns = 0;
    const echo = echoFlowBinding();
    const counting: FlowBinding = { ...echo, toEvent: (content) => ((turns += 1), echo.toEvent(content)) };
    engine = new ConversationEngine({ db, flow: counting, render: renderEcho, logger, idleTimeoutMs: 60_000, sweepIntervalMs: 60_000 });
    engine.start();
    await expect.poll(() => turns, { interval: 1, timeout: 30_000 }).toBeGreaterThan(0);
    await engine.stop();
    const pending = await db.prisma.inboundMessage.count({ where: { status: 'pending' } });
    // Only the conversations in hand were finished; the rest wait, stored, for the next start.
    expect(pending).toBeGreaterThan(BACKLOG - 20);
  });
});
