import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
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

  describe('the dispatch hook', () => {
    it('runs once per call, before the server has the request, on a new and on a kept-alive connection', async () => {
      const events: string[] = [];
      const server = await startServer((_req, res, body) => {
        events.push(`received ${body}`);
        res.writeHead(200).end('{}');
      });
      for (const n of [1, 2]) {
        await poster.post({ url: server.url, body: `{"n":${n}}`, timeoutMs: 2_000, onDispatch: () => events.push(`dispatch ${n}`) });
      }
      expect(events).toEqual(['dispatch 1', 'received {"n":1}', 'dispatch 2', 'received {"n":2}']);
      expect(server.connections()).toBe(1);
      await server.close();
    });

    it('never runs when the connection cannot be made', async () => {
      const closed = await startServer(() => {});
      const url = closed.url;
      await closed.close();
      let dispatched = 0;
      await expect(poster.post({ url, body: '{}', timeoutMs: 2_000, onDispatch: () => (dispatched += 1) })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(dispatched).toBe(0);
    });

    it('waits for the TLS handshake: a connection whose handshake never ends times out without it', async () => {
      // TCP is accepted, the TLS hello never answered.
      const sockets: Socket[] = [];
      const tcp = createTcpServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
      let dispatched = 0;
      const url = `https://127.0.0.1:${(tcp.address() as AddressInfo).port}/x`;
      await expect(poster.post({ url, body: '{}', timeoutMs: 300, onDispatch: () => (dispatched += 1) })).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(sockets.length).toBe(1);
      expect(dispatched).toBe(0);
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    });

    it('runs once the TLS handshake is done, then on the kept-alive connection at once', async () => {
      const events: string[] = [];
      let handshakes = 0;
      const server = createHttpsServer({ key: TEST_KEY, cert: TEST_CERT }, (req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          events.push(`received ${body}`);
          res.writeHead(200).end('{"ok":true}');
        });
      });
      server.on('secureConnection', () => (handshakes += 1));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
      // The certificate is self-signed: trusted for this test only.
      const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
      try {
        for (const n of [1, 2]) {
          const answer = await poster.post({ url, body: `{"n":${n}}`, timeoutMs: 2_000, onDispatch: () => events.push(`dispatch ${n}`) });
          expect(answer).toMatchObject({ status: 200, body: { ok: true } });
        }
      } finally {
        if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
        else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
      }
      expect(events).toEqual(['dispatch 1', 'received {"n":1}', 'dispatch 2', 'received {"n":2}']);
      expect(handshakes).toBe(1);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    });
  });
});

/** A self-signed certificate for 127.0.0.1 and its key, made for this test alone (trusted nowhere). */
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg9S5PxPAKOmm/Zzhi
HPz+vOTWYqFc7AjPM6t+Hj0c4G2hRANCAASnyVI7poz7953nzNxm3JCHzOD0KZcF
BhX6RcsceyHqI196L7kKVLujPSDi5/Pbq8OrDkc6n2lhkGWhgHSBtDdq
-----END PRIVATE KEY-----
`;
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBkTCCATagAwIBAgIUdB08K3AHnkJFx120z05PSTshqiQwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNzEwNTYyNVoYDzIxMjYxMTAz
MTA1NjI1WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASnyVI7poz7953nzNxm3JCHzOD0KZcFBhX6RcsceyHqI196L7kKVLuj
PSDi5/Pbq8OrDkc6n2lhkGWhgHSBtDdqo2QwYjAdBgNVHQ4EFgQUXFtt5RNYAuk3
DLss18eeQt+fHLkwHwYDVR0jBBgwFoAUXFtt5RNYAuk3DLss18eeQt+fHLkwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0kAMEYC
IQCR7HTWOSZxmc3Cl2v3HM6/xflsH2orsE9Jz0QLC11MhQIhAPxDBlX3b9jzyQ8x
v07KtAPtXnJ0b+Ll9qvY8VdtA+vu
-----END CERTIFICATE-----
`;
