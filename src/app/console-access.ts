import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How `npm run chat` finds the running server and proves it may use the console endpoint:
 * two files in DATA_DIR. The secret is made once per installation and readable by its owner
 * only; the address is written when the server is ready and removed when it stops.
 */

const SECRET_FILE = 'console-secret';
const ADDRESS_FILE = 'console-server';

export interface ConsoleAccess {
  /** Base URL of the running server, on loopback. */
  url: string;
  secret: string;
}

/** The installation's console secret, created on first use. */
export function consoleSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SECRET_FILE);
  try {
    writeFileSync(path, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8').trim();
}

/** Writes where the server answers; returns the function that removes it again (if still ours). */
export function announceConsole(dataDir: string, host: string, port: number): () => void {
  const path = join(dataDir, ADDRESS_FILE);
  const url = `http://${loopbackFor(host)}:${port}`;
  writeFileSync(path, url, { mode: 0o600 });
  return () => {
    if (readIfExists(path) === url) rmSync(path, { force: true });
  };
}

/** The running server's address and the secret, when a server announced itself in `dataDir`. */
export function readConsoleAccess(dataDir: string): ConsoleAccess | undefined {
  const url = readIfExists(join(dataDir, ADDRESS_FILE))?.trim();
  const secret = readIfExists(join(dataDir, SECRET_FILE))?.trim();
  return url && secret ? { url, secret } : undefined;
}

/** A server listening on every interface is reached on loopback, as the console endpoint requires. */
function loopbackFor(host: string): string {
  if (host === '0.0.0.0' || host === 'localhost' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
