import cliProgress from 'cli-progress';
import type { ImportProgress } from '../import-options.js';

export interface TerminalProgress {
  /** Undefined when there is no terminal to draw on. */
  onProgress: ((progress: ImportProgress) => void) | undefined;
  stop(): void;
}

/**
 * A progress bar on stderr, drawn only when stderr is a terminal: redirected output and CI logs
 * stay clean, and stdout keeps only the report.
 */
export function terminalProgress(format: string, stream: NodeJS.WriteStream = process.stderr): TerminalProgress {
  if (!stream.isTTY) return { onProgress: undefined, stop: () => {} };
  const bar = new cliProgress.SingleBar({ stream, format, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    onProgress({ done, total }) {
      if (!started) bar.start(total, done);
      else bar.update(done);
      started = true;
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
