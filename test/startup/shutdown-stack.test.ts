import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ShutdownStack } from '../../src/startup/shutdown-stack.js';

const logger = pino({ level: 'silent' });

describe('ShutdownStack', () => {
  it('closes last opened first, once, going on past a failing step', async () => {
    const closed: string[] = [];
    const stack = new ShutdownStack();
    stack.push('database', async () => void closed.push('database'));
    stack.push('server', async () => {
      closed.push('server');
      throw new Error('already closed');
    });
    stack.push('telegram', async () => void closed.push('telegram'));
    await Promise.all([stack.closeAll(logger), stack.closeAll(logger)]);
    expect(closed).toEqual(['telegram', 'server', 'database']);
  });

  it('does not wait for ever on a step that hangs', async () => {
    const closed: string[] = [];
    const stack = new ShutdownStack(20);
    stack.push('database', async () => void closed.push('database'));
    stack.push('stuck socket', () => new Promise<void>(() => {}));
    await stack.closeAll(logger);
    expect(closed).toEqual(['database']);
  });

  it('closes at once what is opened while closing', async () => {
    const closed: string[] = [];
    const stack = new ShutdownStack();
    await stack.closeAll(logger);
    stack.push('late database', async () => void closed.push('late database'));
    await expect.poll(() => closed).toEqual(['late database']);
  });
});
