import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  /** The port actually listened on (useful when 0 was asked for). */
  port: number;
  /** Stops accepting connections, drops idle keep-alive ones, and resolves once closed. */
  close(): Promise<void>;
}

/** Serves `app` with Node's HTTP server. Port 0 picks a free port. */
export function startServer(app: Pick<Hono, 'fetch'>, port: number, hostname?: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port, ...(hostname !== undefined && { hostname }) },
      (info: AddressInfo) => {
        server.off('error', reject);
        resolve({
          port: info.port,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
