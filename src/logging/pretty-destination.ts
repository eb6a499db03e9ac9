import type { DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';

/**
 * A destination that writes each (already redacted) JSON log line as one readable line, for a
 * person at a terminal: time, level, message, then the other fields. Synchronous, so a line
 * written just before `process.exit` is not lost.
 */
export function prettyDestination(target: DestinationStream, options: { colorize: boolean }): DestinationStream {
  const prettify = prettyFactory({
    colorize: options.colorize,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return {
    write(line: string) {
      target.write(prettify(line));
    },
  };
}
