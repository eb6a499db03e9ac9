import { redactSecrets } from './redact-secrets.js';

/**
 * An error's class and message only, for logs and terminal output: stack traces and SQL
 * parameters may carry personal data, and messages are cut short. Configured secrets and bot
 * tokens are masked here too, because this text is also printed outside the logger
 * (an error URL such as `…/bot<TOKEN>/getMe` names the token).
 */
export function errorSummary(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redactSecrets(text).slice(0, 300);
}
