import { request } from 'node:http';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredBodyLimit } from '../../src/server/declared-body-limit.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';

const LIMIT = 1000;

/** Posts `chunks` over a real socket; with `declared`, as one body with that Content-Length, else chunked. */
function postRaw(port: number, chunks: string[], declared?: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = declared === undefined ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(declared) };
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/hook', headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('declaredBodyLimit', () => {
  const seen: string[] = [];
  let server: RunningServer;

  beforeAll(async () => {
    const app = new Hono().post('/hook', declaredBodyLimit({ maxSize: LIMIT, onError: (c) => c.text('too large', 413) }), async (c) => {
      const body = await c.req.text();
      seen.push(body);
      return c.text(`read ${body.length}`);
    });
    server = await startServer(app, 0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('reads a declared body within the limit straight through', async () => {
    const body = 'x'.repeat(LIMIT);
    expect(await postRaw(server.port, [body], LIMIT)).toEqual({ status: 200, body: `read ${LIMIT}` });
    expect(seen.at(-1)).toBe(body);
  });

  it('refuses a declared body over the limit before reading it', async () => {
    const before = seen.length;
    const answer = await postRaw(server.port, ['y'.repeat(LIMIT + 1)], LIMIT + 1);
    expect(answer.status).toBe(413);
    expect(seen.length).toBe(before);
  });

  it('counts a chunked body, refusing it once it passes the limit', async () => {
    const before = seen.length;
    expect((await postRaw(server.port, ['z'.repeat(600), 'z'.repeat(600)])).status).toBe(413);
    expect(seen.length).toBe(before);
    expect(await postRaw(server.port, ['a'.repeat(400), 'a'.repeat(400)])).toEqual({ status: 200, body: 'read 800' });
  });
});
