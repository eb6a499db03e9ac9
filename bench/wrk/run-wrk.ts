import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the Lua `done` hook prints (see the Lua generators). */
export interface WrkSummary {
  requests: number;
  durationUs: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  statusErrors: number;
  timeouts: number;
  ackP50Us: number;
  ackP99Us: number;
  ackMaxUs: number;
}

export interface WrkRun {
  pid: number;
  /** Resolves when wrk has exited by itself (it is given -d; a guard kills it 60 s after that). */
  done: Promise<WrkSummary>;
}

export interface WrkOptions {
  url: string;
  script: string;
  workDir: string;
  name: string;
  threads: number;
  connections: number;
  durationSeconds: number;
}

/** Runs wrk once against a loopback URL. */
export function runWrk(options: WrkOptions): WrkRun {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(options.url)) throw new Error(`bench load goes to 127.0.0.1 only, not ${options.url}`);
  const scriptPath = join(options.workDir, `${options.name}.lua`);
  writeFileSync(scriptPath, options.script);
  const child = spawn(
    'wrk',
    ['-t', String(options.threads), '-c', String(options.connections), '-d', `${options.durationSeconds}s`, '--timeout', '30s', '-s', scriptPath, options.url],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const guard = setTimeout(() => child.kill('SIGKILL'), (options.durationSeconds + 60) * 1000);
  const done = new Promise<WrkSummary>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      const line = stdout.split('\n').find((each) => each.startsWith('BENCH_WRK '));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (exit ${code}): ${stderr.trim() || stdout.trim()}`));
      resolve(JSON.parse(line.slice('BENCH_WRK '.length)) as WrkSummary);
    });
  });
  if (child.pid === undefined) throw new Error('wrk did not start (is it installed? apt-get install -y wrk)');
  return { pid: child.pid, done };
}
