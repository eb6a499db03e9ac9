import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One JSON log record of the child (pino). */
export type LogRecord = { msg?: string; level?: number } & Record<string, unknown>;

/**
 * The real server (`src/main.ts` under tsx) as a child process, for tests that kill it, restart
 * it or run two of them. Its pino lines are parsed and kept.
 */
export interface ServerChild {
  readonly port: number;
  readonly pid: number;
  readonly logs: LogRecord[];
  /** `kill -9`: resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop); resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
}

export async function startServerChild(env: Record<string, string>, startTimeoutMs = 240_000): Promise<ServerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', LOG_LEVEL: 'info', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogRecord[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogRecord);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not start within ${startTimeoutMs} ms; last log lines: ${JSON.stringify(logs.slice(-5))} ${stderr}`)), startTimeoutMs);
    const poll = setInterval(() => {
      const started = logs.find((record) => record.msg === 'server started');
      if (started) finish(Number(started.port));
    }, 20);
    void exited.then((code) => fail(new Error(`server exited during start-up (code ${code}): ${stderr} ${JSON.stringify(logs.slice(-5))}`)));
    function finish(value: number) {
      clearTimeout(timer);
      clearInterval(poll);
      resolve(value);
    }
    function fail(error: Error) {
      clearTimeout(timer);
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(error);
    }
  });
  return {
    port,
    pid: child.pid!,
    logs,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop(timeoutMs = 30_000) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** A port free right now (the kernel picks it), so restarts can listen where the driver posts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A Telegram update with text from a private chat, as Telegram would post it. */
export function telegramText(updateId: number, chatId: number, text: string) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'KPM' },
      from: { id: chatId, is_bot: false, first_name: 'KPM' },
      text,
    },
  };
}

/** POSTs an update to a server's Telegram webhook; the status, or 0 when no answer came in time. */
export async function postUpdate(port: number, secret: string, update: object, timeoutMs = 5_000): Promise<number> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
