import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationEngine } from '../../src/engine/conversation-engine.js';
import type { FlowBinding } from '../../src/engine/flow-binding.js';
import type { FlowRouter } from '../../src/engine/flow-router.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { echoFlowBinding, renderEcho } from '../support/echo-flow.js';

const logger = pino({ level: 'silent' });

/**
 * A router over two echo flows: "noted" is answered outside the flow, "switch" moves the chat
 * to flow B (like a redeemed DAFTAR code). Counts how often the engine asks it to select.
 */
function twoFlowRouter(a: FlowBinding, b: FlowBinding) {
  const flowOf = new Map<string, FlowBinding>();
  const seen: Array<{ text: string; flow: string }> = [];
  let selects = 0;
  const router: FlowRouter = {
    async select(_tx, _channel, chatId) {
      selects += 1;
      return flowOf.get(chatId) ?? a;
    },
    async selectMany(_tx, chats) {
      return chats.map(({ chatId }) => flowOf.get(chatId) ?? a);
    },
    async intercept(scope) {
      const text = scope.message.content.kind === 'text' ? scope.message.content.text : '';
      seen.push({ text, flow: scope.flow.machineId });
      if (text === 'noted') {
        scope.emit({ spec: { text: 'noted' }, language: scope.language });
        return true;
      }
      if (text === 'switch') {
        flowOf.set(scope.message.chatId, b);
        scope.emit({ spec: { text: 'switched' }, language: scope.language });
        scope.reroute();
        return true;
      }
      return false;
    },
  };
  return { router, seen, selects: () => selects };
}

describe.each(backends)('the flow router in a batch on $kind', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });

  it.skipIf(backend.skipReason)('asks for the flow again only after an intercept that may move the chat, and the next message runs the new flow', async () => {
    const a = echoFlowBinding();
    const b = { ...echoFlowBinding(), machineId: 'echo-b' };
    const { router, seen, selects } = twoFlowRouter(a, b);
    const engine = new ConversationEngine({ db, flow: a, router, render: renderEcho, logger, idleTimeoutMs: 30 * 60_000 });
    const texts = ['a', 'noted', 'b', 'switch', 'c'];
    // Stored together, so one batch handles the chat's five messages in order.
    await Promise.all(texts.map((text, i) => engine.receive({ channel: 'telegram', chatId: 'r1', externalId: `r1-${i}`, content: { kind: 'text', text } })));
    await engine.idle();
    const replies = await db.prisma.outboundMessage.findMany({ where: { chatId: 'r1' }, orderBy: { id: 'asc' } });
    // Flow A counts a and b; after the switch flow B starts fresh at 1.
    expect(replies.map((row) => (row.payload as { text: string }).text)).toEqual(['1:a', 'noted', '2:b', 'switched', '1:c']);
    expect(selects()).toBe(1);
    expect(seen).toEqual([
      { text: 'a', flow: 'echo' },
      { text: 'noted', flow: 'echo' },
      { text: 'b', flow: 'echo' },
      { text: 'switch', flow: 'echo' },
      { text: 'c', flow: 'echo-b' },
    ]);
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { chatId: 'r1' } });
    expect(conversation.machineId).toBe('echo-b');
    await engine.stop();
  });
});
