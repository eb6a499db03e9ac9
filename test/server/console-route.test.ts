import { networkInterfaces } from 'node:os';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/channels/channel-port.js';
import { createConsoleBridge } from '../../src/channels/console/console-bridge.js';
import { consoleRoute } from '../../src/server/routes/console.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';

const SECRET = 'c'.repeat(64);
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(host: string) {
  const bridge = createConsoleBridge();
  const received: InboundMessage[] = [];
  const app = consoleRoute({
    bridge,
    sink: { receive: async (message) => (received.push(message), 'stored') },
    secret: SECRET,
    unfinished: async () => 0,
    logger: pino({ level: 'silent' }),
  });
  server = await startServer(app, 0, host);
  return { bridge, received, port: server.port };
}

const line = JSON.stringify({ chatId: 'terminal-siti', externalId: 's-1', text: 'halo' });

describe('the console endpoint', () => {
  it('stores a line from loopback with the secret', async () => {
    const { received, port } = await serve('127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${port}/console/messages`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` }, body: line });
    expect(response.status).toBe(200);
    expect(received).toEqual([{ channel: 'console', chatId: 'terminal-siti', externalId: 's-1', content: { kind: 'text', text: 'halo' } }]);
  });

  it('401 without the secret or with a wrong one, 400 for a bad line', async () => {
    const { received, port } = await serve('127.0.0.1');
    const post = (headers: Record<string, string>, body = line) => fetch(`http://127.0.0.1:${port}/console/messages`, { method: 'POST', headers, body });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: `Bearer ${SECRET}x` })).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/console/replies?chat=terminal-siti`)).status).toBe(401);
    for (const body of ['{', '{"chatId":"a b","externalId":"1","text":"x"}', JSON.stringify({ chatId: 'x', externalId: '1', text: 5 })]) {
      expect((await post({ authorization: `Bearer ${SECRET}` }, body)).status).toBe(400);
    }
    expect(received).toEqual([]);
  });

  const outside = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal);
  it.skipIf(!outside)('403 from another machine, secret or not, even when listening on every interface', async () => {
    const { received, port } = await serve('0.0.0.0');
    const response = await fetch(`http://${outside!.address}:${port}/console/messages`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` }, body: line });
    expect(response.status).toBe(403);
    expect(received).toEqual([]);
  });

  it('streams replies to the attached terminal in order, then a drained mark', async () => {
    const { bridge, port } = await serve('127.0.0.1');
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/console/replies?chat=terminal-siti`, { headers: { authorization: `Bearer ${SECRET}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let text = '';
    const readUntil = async (marker: string) => {
      while (!text.includes(marker)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await readUntil('event: ready');
    expect(await bridge.send('terminal-siti', { kind: 'text', text: 'Halo, Bapak/Ibu', choices: [{ id: 'a', label: '1. Cek' }] })).toEqual({ status: 'sent' });
    expect(await bridge.send('terminal-siti', { kind: 'text', text: 'kedua' })).toEqual({ status: 'sent' });
    expect(await bridge.send('terminal-other', { kind: 'text', text: 'x' })).toMatchObject({ status: 'transient-error' });
    await fetch(`http://127.0.0.1:${port}/console/drain?chat=terminal-siti`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
    await readUntil('event: drained');
    const replies = [...text.matchAll(/event: reply\ndata: (.*)\n/g)].map((match) => JSON.parse(match[1]!) as string);
    expect(replies).toEqual(['Halo, Bapak/Ibu\n\n1. Cek', 'kedua']);
    controller.abort();
  });
});
