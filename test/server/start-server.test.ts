import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start-server.js';

describe('startServer', () => {
  it('listens on a free port when given 0, reports it, and closes', async () => {
    const app = new Hono().get('/ping', (c) => c.text('pong'));
    const server = await startServer(app, 0, '127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    const response = await fetch(`http://127.0.0.1:${server.port}/ping`);
    expect(await response.text()).toBe('pong');
    await server.close();
    await expect(fetch(`http://127.0.0.1:${server.port}/ping`)).rejects.toThrow();
  });

  it('rejects when the port is taken', async () => {
    const app = new Hono();
    const first = await startServer(app, 0, '127.0.0.1');
    try {
      await expect(startServer(app, first.port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
