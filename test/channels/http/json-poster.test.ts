import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonPoster, type JsonPoster } from '../../../src/channels/http/json-poster.js';
import { startSilentServer } from '../../support/silent-server.js';

/** A loopback server whose answer each test decides; it counts TCP connections. */
async function startServer(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  let connections = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => handle(req, res, body));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('json poster', () => {
  let poster: JsonPoster;
  beforeEach(() => {
    poster = createJsonPoster();
  });
  afterEach(() => poster.close());

  it('posts JSON with the given headers and reads a JSON answer', async () => {
    const seen: Array<{ type?: string; auth?: string; body: string }> = [];
    const server = await startServer((req, res, body) => {
      seen.push({ type: req.headers['content-type'], auth: req.headers.authorization, body });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true,"n":1}');
    });
    const answer = await poster.post({ url: server.url, body: '{"a":1}', headers: { authorization: 'Bearer t' }, timeoutMs: 2_000 });
    expect(answer).toEqual({ status: 201, statusText: 'Created', body: { ok: true, n: 1 } });
    expect(seen).toEqual([{ type: 'application/json', auth: 'Bearer t', body: '{"a":1}' }]);
    await server.close();
  });

  it('keeps one connection alive across sequential calls', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end('{}'));
    for (let i = 0; i < 5; i++) await poster.post({ url: server.url, body: '{}', timeoutMs: 2_000 });
    expect(server.connections()).toBe(1);
    await server.close();
  });

  it('an answer that is not JSON, or too large, reads as an undefined body', async () => {
    const server = await startServer((req, res) => {
      if (req.headers['x-big'] === '1') res.writeHead(200).end(`{"pad":"${'x'.repeat(2_000)}"}`);
      else res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    });
    expect(await poster.post({ url: server.url, body: '{}', timeoutMs: 2_000 })).toMatchObject({ status: 502, body: undefined });
    const small = createJsonPoster({ maxBodyBytes: 1_000 });
    expect(await small.post({ url: server.url, body: '{}', headers: { 'x-big': '1' }, timeoutMs: 2_000 })).toMatchObject({ status: 200, body: undefined });
    small.close();
    await server.close();
  });

  it('rejects with a TimeoutError when no answer comes in time', async () => {
    const silent = await startSilentServer();
    const started = Date.now();
    await expect(poster.post({ url: silent.url, body: '{}', timeoutMs: 200 })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await silent.close();
  });

  it('rejects with the socket error code when the connection drops', async () => {
    const server = await startServer((_req, res) => res.socket?.destroy());
    await expect(poster.post({ url: server.url, body: '{}', timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'ECONNRESET' });
    await server.close();
  });

  it('rejects with the code when an answer is cut short', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"ok":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await expect(poster.post({ url: server.url, body: '{}', timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'ECONNRESET' });
    await server.close();
  });
});
