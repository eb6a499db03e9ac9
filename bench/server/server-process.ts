import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerCommand, ServerDump, ServerEvent } from './protocol.js';

const SERVER_ENTRY = fileURLToPath(new URL('./bench-server.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Node's flags as `npm start` runs the app (package.json), for the project and the peer alike. */
const NODE_FLAGS = ['--max-semi-space-size=32'];

export interface ServerProcessOptions {
  env: Record<string, string>;
  /** The child's stdout and stderr (the app's pino log) go here. */
  logFile: string;
  startTimeoutMs?: number;
}

/** The server under test as a child process (tsx), driven over IPC. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly logFd: number,
  ) {}

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    const logFd = openSync(options.logFile, 'a');
    const child = fork(SERVER_ENTRY, [], {
      cwd: REPO_ROOT,
      execArgv: [...NODE_FLAGS, '--import', 'tsx'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', NODE_ENV: 'production', ...options.env },
      stdio: ['ignore', logFd, logFd, 'ipc'],
    });
    try {
      const ready = await nextEvent(child, 'ready', options.startTimeoutMs ?? 180_000);
      return new ServerProcess(child, ready.type === 'ready' ? ready.port : -1, logFd);
    } catch (error) {
      child.kill('SIGKILL');
      closeSync(logFd);
      throw new Error(`bench server did not start (see ${options.logFile}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async command(command: ServerCommand, expect: ServerEvent['type'], timeoutMs = 60_000): Promise<void> {
    const answer = nextEvent(this.child, expect, timeoutMs);
    this.child.send(command);
    await answer;
  }

  async dump(file: string): Promise<ServerDump> {
    await this.command({ type: 'dump', file }, 'dumped');
    return JSON.parse(readFileSync(file, 'utf8')) as ServerDump;
  }

  /** Asks for a clean stop (in-flight work finishes); kills the child if that takes too long. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.closeLog();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies ServerCommand);
    else this.child.kill('SIGKILL');
    await exited;
    clearTimeout(timer);
    this.closeLog();
  }

  private closeLog(): void {
    try {
      closeSync(this.logFd);
    } catch {
      // already closed
    }
  }
}

function nextEvent(child: ChildProcess, expect: ServerEvent['type'], timeoutMs: number): Promise<ServerEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no '${expect}' from the bench server within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (event: ServerEvent) => {
      if (event.type === 'failed') finish(new Error(event.message));
      else if (event.type === expect) finish(undefined, event);
    };
    const onExit = (code: number | null) => finish(new Error(`bench server exited (code ${code})`));
    function finish(error: Error | undefined, event?: ServerEvent) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(event!);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
