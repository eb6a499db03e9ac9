import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migratedDataDir, spawnMain, type MainProcess } from '../support/main-process.js';

/**
 * `npm start` as a person runs it, in a child process: a start-up that cannot succeed ends
 * with exit code 1 and one line saying why, and releases the port and the database; a Bot API
 * that is only unreachable is retried while /healthz says so, and Ctrl-C still stops cleanly.
 */

/** A child process pays for tsx and PGlite: generous, for a machine shared with other work. */
const CHILD_TEST_TIMEOUT_MS = 300_000;
const TOKEN = '7012345678:AAH4kQ9vZxW1yT2uR3sP4oN5mL6kJ7iH8gF';
const running: MainProcess[] = [];
const cleanups: Array<() => void | Promise<void>> = [];

afterEach(async () => {
  for (const child of running.splice(0)) {
    child.signal('SIGKILL');
    await child.exited;
  }
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(env: Record<string, string>, options: { database?: boolean } = {}): Promise<MainProcess> {
  // A migrated copy saves the child minutes on a loaded machine; a child that fails before
  // opening the database needs none.
  const data = options.database === false ? emptyDir() : await migratedDataDir();
  cleanups.push(() => data.remove());
  const child = spawnMain({ DATA_DIR: data.path, PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'debug', ...env });
  running.push(child);
  return child;
}

/** A loopback HTTP server answering every request with `answer`. */
async function fakeApi(answer: { status: number; type: string; body: string }): Promise<{ root: string; calls: string[] }> {
  const calls: string[] = [];
  const server: Server = createServer((request, response) => {
    calls.push(request.url ?? '');
    response.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { root: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

/** A port nobody listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function emptyDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'kpm-data-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

function linesWith(output: string, text: string): string[] {
  return output.split('\n').filter((line) => line.includes(text));
}

async function healthOf(child: MainProcess): Promise<{ status: number; body: { status: string; details?: Record<string, unknown> } }> {
  const started = await child.waitForLine(/server started/);
  const url = (JSON.parse(started) as { url: string }).url;
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; details?: Record<string, unknown> } };
}

describe('npm start when start-up cannot succeed', () => {
  it('port in use: exits 1 with one line naming the port, before opening the database', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const port = (holder.address() as AddressInfo).port;

    const child = await start({ PORT: String(port) }, { database: false });
    expect(await child.exited).toBe(1);
    const failures = linesWith(child.output(), 'start-up failed');
    expect(failures).toHaveLength(1);
    expect(JSON.parse(failures[0]!).msg).toBe(
      `start-up failed: port ${port} on 127.0.0.1 is already in use (is npm start already running?): stop that program or set PORT to a free port`,
    );
    expect(child.output()).not.toContain('database migrated');
  }, CHILD_TEST_TIMEOUT_MS);

  it('a token Telegram refuses: exits 1 with one line, the token in no output', async () => {
    const api = await fakeApi({ status: 401, type: 'application/json', body: JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }) });
    const child = await start({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.root });
    expect(await child.exited).toBe(1);
    const failures = linesWith(child.output(), 'start-up failed');
    expect(failures).toHaveLength(1);
    expect(JSON.parse(failures[0]!).msg).toBe(
      'start-up failed: Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather',
    );
    expect(api.calls.some((path) => path.includes(TOKEN))).toBe(true);
    expectNoToken(child.output());
  }, CHILD_TEST_TIMEOUT_MS);

  it('a Bot API that refuses connections: keeps retrying, /healthz says so honestly, Ctrl-C stops it cleanly', async () => {
    const port = await closedPort();
    const child = await start({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` });
    await child.waitForLine(/Telegram unreachable: cannot reach the Bot API \(ECONNREFUSED\)/);
    const health = await healthOf(child);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', details: { database: 'pglite', telegram: 'unreachable' } });
    expect(child.output()).not.toContain('start-up failed');

    child.signal('SIGINT');
    expect(await child.exited).toBe(0);
    expect(child.output()).toContain('"msg":"stopped"');
    expectNoToken(child.output());
  }, CHILD_TEST_TIMEOUT_MS);

  it('a Bot API root that answers a web page instead of JSON: retries, and the token is in no output', async () => {
    const api = await fakeApi({ status: 200, type: 'text/html', body: '<html><body>Welcome to nginx</body></html>' });
    const child = await start({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.root });
    await child.waitForLine(/Telegram unreachable: the Bot API answered something that is not JSON/);
    // Two attempts at least, so a retry's log lines are in the output too.
    await child.waitForLine(/"attempt":2/);
    expect(api.calls.filter((path) => path.endsWith('/getMe')).length).toBeGreaterThanOrEqual(2);
    child.signal('SIGTERM');
    expect(await child.exited).toBe(0);
    expectNoToken(child.output());
  }, CHILD_TEST_TIMEOUT_MS);
});

describe('npm start and Ctrl-C', () => {
  it('stops gracefully when interrupted during start-up (a Bot API that never answers)', async () => {
    const calls: string[] = [];
    // Accepts every request and never answers: the start-up call hangs until its time limit.
    const hanging = createServer((request) => void calls.push(request.url ?? ''));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      hanging.closeAllConnections();
      return new Promise<void>((resolve) => hanging.close(() => resolve()));
    });
    const root = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;

    const child = await start({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: root });
    await expect.poll(() => calls.some((path) => path.endsWith('/getMe')), { timeout: 240_000, interval: 50 }).toBe(true);
    child.signal('SIGINT');
    expect(await child.exited).toBe(0);
    expect(child.output()).toContain('"msg":"shutting down"');
    expect(child.output()).toContain('"msg":"stopped"');
    expect(child.output()).not.toContain('start-up failed');
    expect(child.output()).not.toContain('server started');
  }, CHILD_TEST_TIMEOUT_MS);
});

function expectNoToken(output: string): void {
  const secret = TOKEN.split(':')[1]!;
  expect(output).not.toContain(secret);
  expect(output).not.toContain(encodeURIComponent(TOKEN));
  expect(output).not.toContain(secret.slice(0, 12));
}
