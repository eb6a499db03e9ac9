import type { Bindings, Logger } from 'pino';
import { buildLogger } from './build-logger.js';

/** The application logger: stdout, level from LOG_LEVEL, NIKs and phone numbers redacted. */
export const logger: Logger = buildLogger();

/**
 * A child logger for one unit ("component", "channel", ...), redacting as its parent does.
 * Prefer `component` over `name` as a binding key: `name` is a redacted key.
 */
export function createLogger(bindings: Bindings, parent: Logger = logger): Logger {
  return parent.child(bindings);
}
