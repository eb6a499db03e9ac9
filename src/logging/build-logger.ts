import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { resolveLogFormat } from './log-format.js';
import { prettyDestination } from './pretty-destination.js';
import { redactJsonLine } from './redact-json-line.js';
import { configuredSecrets, secretRedactor } from './redact-secrets.js';

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

export interface BuildLoggerOptions {
  /** Whether the destination is a terminal: readable lines then, unless LOG_FORMAT says json. Default: stdout's. */
  isTerminal?: boolean;
}

/**
 * The one place logger options live, so the shared logger and test loggers (writing to a
 * capture stream) redact the same way: `redact` paths for known keys, and every serialized line
 * through the configured secrets and bot tokens (redactSecrets), then redactPersonalData for
 * NIKs and phone numbers anywhere else. Redaction runs on the JSON line, before a terminal's
 * readable form is made from it, so both formats are covered.
 */
export function buildLogger(destination?: DestinationStream, env: NodeJS.ProcessEnv = process.env, options: BuildLoggerOptions = {}): Logger {
  const redactSecrets = secretRedactor(configuredSecrets(env));
  const loggerOptions: LoggerOptions = {
    level: resolveLogLevel(env.LOG_LEVEL),
    redact: { paths: REDACTED_KEYS },
    hooks: { streamWrite: (line) => redactJsonLine(redactSecrets(line)) },
  };
  const isTerminal = options.isTerminal ?? (destination === undefined && process.stdout.isTTY === true);
  const target = destination ?? pino.destination({ dest: 1, sync: true });
  const format = resolveLogFormat(env.LOG_FORMAT, isTerminal);
  const logger = pino(loggerOptions, format === 'pretty' ? prettyDestination(target, { colorize: isTerminal }) : target);
  if (env.LOG_LEVEL && resolveLogLevel(env.LOG_LEVEL) !== env.LOG_LEVEL.trim().toLowerCase()) {
    logger.warn({ logLevel: env.LOG_LEVEL }, 'unknown LOG_LEVEL, using info');
  }
  if (env.LOG_FORMAT && !['json', 'pretty'].includes(env.LOG_FORMAT.trim().toLowerCase())) {
    logger.warn({ logFormat: env.LOG_FORMAT }, `unknown LOG_FORMAT, using ${format}`);
  }
  return logger;
}
