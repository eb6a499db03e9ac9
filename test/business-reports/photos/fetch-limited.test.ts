import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchLimited } from '../../../src/business-reports/photos/fetch-limited.js';

describe('fetchLimited', () => {
  let server: Server;
  let base: string;
  beforeEach(async () => {
    server = createServer((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': String(5_000) });
        res.end(Buffer.alloc(5_000));
      } else if (req.url === '/chunked') {
        // No length announced: the limit must hold while reading.
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1_000));
        res.end();
      } else if (req.url === '/missing') {
        res.writeHead(404).end();
      } else {
        res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.from('small'));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads a body within the limit', async () => {
    const result = await fetchLimited(`${base}/small`, { maxBytes: 100, timeoutMs: 5_000 });
    expect(result).toEqual({ bytes: Buffer.from('small'), contentType: 'image/jpeg' });
  });

  it('refuses a body announced larger than the limit', async () => {
    expect(await fetchLimited(`${base}/declared`, { maxBytes: 4_000, timeoutMs: 5_000 })).toBe('too-large');
  });

  it('stops reading a body that grows past the limit without announcing its size', async () => {
    expect(await fetchLimited(`${base}/chunked`, { maxBytes: 4_000, timeoutMs: 5_000 })).toBe('too-large');
    expect(await fetchLimited(`${base}/chunked`, { maxBytes: 20_000, timeoutMs: 5_000 })).toMatchObject({ contentType: 'image/jpeg' });
  });

  it('throws on an HTTP error', async () => {
    await expect(fetchLimited(`${base}/missing`, { maxBytes: 100, timeoutMs: 5_000 })).rejects.toThrow('HTTP 404');
  });
});
