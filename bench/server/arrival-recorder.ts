import type { MiddlewareHandler } from 'hono';
import { wallClockMs } from '../clock.js';

/**
 * Notes when each bench request (X-Bench-Seq) reached the server and which status it was
 * answered with. Parallel number arrays: cheap enough to leave on for every measured run. It
 * reads one header and never the body, so no message text passes through it.
 */
export class ArrivalRecorder {
  seqs: number[] = [];
  times: number[] = [];
  statuses: number[] = [];

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const seq = c.req.header('x-bench-seq');
      const arrived = wallClockMs();
      await next();
      if (seq !== undefined) {
        this.seqs.push(Number(seq));
        this.times.push(arrived);
        this.statuses.push(c.res.status);
      }
    };
  }

  toJSON(): { seqs: number[]; times: number[]; statuses: number[] } {
    return { seqs: this.seqs, times: this.times, statuses: this.statuses };
  }
}
