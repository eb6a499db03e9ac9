export type LogFormat = 'pretty' | 'json';

/**
 * LOG_FORMAT when it says `json` or `pretty`; otherwise readable lines for a person at a
 * terminal and JSON for everything else (files, pipes, log collectors).
 */
export function resolveLogFormat(value: string | undefined, isTerminal: boolean): LogFormat {
  const format = value?.trim().toLowerCase();
  if (format === 'json' || format === 'pretty') return format;
  return isTerminal ? 'pretty' : 'json';
}
