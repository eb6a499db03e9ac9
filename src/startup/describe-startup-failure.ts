import { errorSummary } from '../logging/error-summary.js';
import { DatabaseInUseError } from '../storage/pglite-lock.js';
import { PermanentConnectError } from './keep-connecting.js';

export interface ListenTarget {
  host: string;
  port: number;
}

/**
 * One line saying why start-up failed and what to do, for the person who typed `npm start`:
 * the usual causes get a sentence of their own, anything else its class and message (secrets
 * masked by errorSummary).
 */
export function describeStartupFailure(error: unknown, listen: ListenTarget): string {
  if (error instanceof DatabaseInUseError || error instanceof PermanentConnectError) return error.message;
  const code = errnoCode(error);
  const syscall = isRecord(error) && typeof error.syscall === 'string' ? error.syscall : undefined;
  if (syscall === 'listen' || code === 'EADDRINUSE') {
    if (code === 'EADDRINUSE') {
      return `port ${listen.port} on ${listen.host} is already in use (is npm start already running?): stop that program or set PORT to a free port`;
    }
    if (code === 'EACCES') return `port ${listen.port} needs administrator rights: set PORT to a port above 1023`;
    if (code === 'EADDRNOTAVAIL') return `HOST ${listen.host} is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of its own addresses`;
  }
  return errorSummary(error);
}

function errnoCode(error: unknown): string | undefined {
  return isRecord(error) && typeof error.code === 'string' ? error.code : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
