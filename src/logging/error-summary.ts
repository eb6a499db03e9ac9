/**
 * An error's class and message only, for logs: stack traces and SQL parameters may carry
 * personal data, and messages are cut short.
 */
export function errorSummary(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}
