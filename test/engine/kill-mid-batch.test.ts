import { describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { runKillScenario } from '../outbox/kill-scenario.js';

// Many conversations share one transaction now: a kill -9 while a batch runs must lose none of
// its messages (they stay pending and the next start answers them), and answer none twice.
// The real server runs as a child process; 80 chats at 80 updates/s keep batches full.
// Replies sent twice by the outbox (at-least-once after a kill, or a send timing out on a busy
// machine) are kill-restart.test.ts's concern; here each message must get its replies written once.
describe.each(backends)('kill -9 while batches of conversations run, on $kind', (backend) => {
  it.skipIf(backend.skipReason)(
    'loses no message of a batch and answers every stored message once',
    async () => {
      const result = await runKillScenario({ backend: backend.kind, updates: 240, chats: 80, perSecond: 80, kills: 2, sendDelayMs: 20 });
      console.log(
        `${backend.kind}: ${result.acked} acked, ${result.stored} stored, ${result.replies} replies, ${result.delivered} delivered; ` +
          `lost ${result.lost}, sent twice ${result.duplicated} (in flight at the kills: ${result.inFlightAtKills.join(', ')}), unprocessed ${result.unprocessed}`,
      );
      expect(result.acked).toBe(240);
      expect(result.stored).toBe(240);
      expect(result.unprocessed).toBe(0);
      // Every message of this conversation gets exactly one reply ("halo", "menu", "bantuan"):
      // no batch lost its work, none was applied twice.
      expect(result.replies).toBe(240);
      expect(result.lost).toBe(0);
    },
    600_000,
  );
});
