import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactJsonLine } from './redact-json-line.js';

/**
 * Keys whose values are personal data wherever they appear at the top level or one level down.
 * `name` only at the top level: nested `name` keys are mostly programs and stages.
 */
export const REDACTED_KEYS = ['nik', 'name', 'fullName', 'phone', 'text', '*.nik', '*.phone', '*.text', '*.fullName'];

const DEFAULT_LEVEL = 'info';

/** The level from LOG_LEVEL, or info when it is unset or not a pino level (a typo must not stop the bot). */
export function resolveLogLevel(value: string | undefined): string {
  const level = value?.trim().toLowerCase();
  if (!level) return DEFAULT_LEVEL;
  // Own properties only ('constructor' is `in` every object); 'silent' is a hidden own property.
  return Object.hasOwn(pino.levels.values, level) ? level : DEFAULT_LEVEL;
}

/**
 * The one place logger options live, so the shared logger and test loggers (writing to a
 * capture stream) redact the same way: `redact` paths for known keys, and every serialized line
 * through redactPersonalData for NIKs and phone numbers anywhere else.
 */
export function buildLogger(destination?: DestinationStream, env: NodeJS.ProcessEnv = process.env): Logger {
  const options: LoggerOptions = {
    level: resolveLogLevel(env.LOG_LEVEL),
    redact: { paths: REDACTED_KEYS },
    hooks: { streamWrite: redactJsonLine },
  };
  const logger = destination ? pino(options, destination) : pino(options);
  if (env.LOG_LEVEL && resolveLogLevel(env.LOG_LEVEL) !== env.LOG_LEVEL.trim().toLowerCase()) {
    logger.warn({ logLevel: env.LOG_LEVEL }, 'unknown LOG_LEVEL, using info');
  }
  return logger;
}
