import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReplyLog } from './reply-log.js';

/**
 * A WhatsApp Cloud (Graph) API stand-in built for load, like the Bot API one: node:http on
 * 127.0.0.1, `POST /<version>/<phone-number-id>/messages` recorded in the reply log (recipient +
 * arrival time) and answered with a wamid, nothing else kept. test/support/graph-api-stand-in.ts
 * is the full fake for tests; this one only has to be fast and timestamp every reply.
 */
export interface GraphApiStandIn {
  /** For the channel's apiBase: http://127.0.0.1:<port>/v21.0 */
  apiBase: string;
  close(): Promise<void>;
}

export async function startGraphApiStandIn(replies: ReplyLog): Promise<GraphApiStandIn> {
  let nextId = 1;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const to = /"(?:to|recipient)":"([^"]+)"/.exec(body)?.[1];
      if (req.method !== 'POST' || !req.url?.endsWith('/messages') || to === undefined) {
        const error = '{"error":{"message":"Unsupported request","type":"GraphMethodException","code":100}}';
        res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(error) });
        return res.end(error);
      }
      replies.record(to);
      const answer = `{"messaging_product":"whatsapp","contacts":[{"input":"${to}","wa_id":"${to}"}],"messages":[{"id":"wamid.bench.${nextId++}"}]}`;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}/v21.0`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
