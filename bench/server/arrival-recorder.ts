import type { MiddlewareHandler } from 'hono';
import { wallClockMs } from '../clock.js';

/**
 * Notes, for each bench request (X-Bench-Seq), when wrk sent it (X-Bench-Sent: wrk's wall clock,
 * so time spent queued before the server reads the request counts), when the server got to it,
 * and which status it was answered with. Parallel number arrays: cheap enough to leave on for every measured run. It
 * reads one header and never the body, so no message text passes through it.
 */
export class ArrivalRecorder {
  seqs: number[] = [];
  /** When wrk sent it (falls back to the arrival time if the header is missing). */
  times: number[] = [];
  arrivals: number[] = [];
  /** When the answer was ready (the ack: after the message was stored). */
  answers: number[] = [];
  statuses: number[] = [];

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const seq = c.req.header('x-bench-seq');
      const sent = Number(c.req.header('x-bench-sent'));
      const arrived = wallClockMs();
      await next();
      if (seq !== undefined) {
        this.seqs.push(Number(seq));
        this.times.push(Number.isFinite(sent) && sent > 0 ? sent : arrived);
        this.arrivals.push(arrived);
        this.answers.push(wallClockMs());
        this.statuses.push(c.res.status);
      }
    };
  }

  toJSON(): { seqs: number[]; times: number[]; arrivals: number[]; answers: number[]; statuses: number[] } {
    return { seqs: this.seqs, times: this.times, arrivals: this.arrivals, answers: this.answers, statuses: this.statuses };
  }
}
