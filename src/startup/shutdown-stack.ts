import type { Logger } from 'pino';

interface Step {
  name: string;
  close(): Promise<void>;
}

/** One step may not hold the whole shutdown hostage (a hung socket, a stuck query). */
const DEFAULT_STEP_TIMEOUT_MS = 10_000;

/**
 * What start-up opened, closed in reverse order. Filled step by step while starting, so a
 * start-up that fails half-way, or a Ctrl-C during it, releases exactly what was opened: the
 * port, the database (and its lock), the channels.
 *
 * @example
 * const resources = new ShutdownStack();
 * const db = await openStorage(config, logger);
 * resources.push('database', () => db.close());
 * // …
 * await resources.closeAll(logger);
 */
export class ShutdownStack {
  private readonly steps: Step[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly stepTimeoutMs = DEFAULT_STEP_TIMEOUT_MS) {}

  /** Registers a resource to close. Pushed while closing, it is closed at once. */
  push(name: string, close: () => Promise<void>): void {
    if (this.closing) {
      void this.closing.then(() => close()).catch(() => undefined);
      return;
    }
    this.steps.push({ name, close });
  }

  /** Closes everything, last opened first; a failing or hanging step is logged and skipped. Idempotent. */
  closeAll(logger: Logger): Promise<void> {
    this.closing ??= (async () => {
      for (const step of this.steps.reverse()) await this.closeOne(step, logger);
    })();
    return this.closing;
  }

  private async closeOne(step: Step, logger: Logger): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.stepTimeoutMs);
    });
    try {
      const outcome = await Promise.race([step.close().then(() => 'closed' as const), timeout]);
      if (outcome === 'timeout') logger.warn({ step: step.name, timeoutMs: this.stepTimeoutMs }, 'shutdown step timed out; going on');
    } catch (error) {
      logger.warn({ step: step.name, errorName: error instanceof Error ? error.name : typeof error }, 'shutdown step failed; going on');
    } finally {
      clearTimeout(timer);
    }
  }
}
