import { describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { runKillScenario } from '../outbox/kill-scenario.js';

// Many conversations share one transaction now: a kill -9 while a batch runs must lose none of
// its messages (they stay pending and the next start answers them), and answer none twice.
// The real server runs as a child process; 120 chats at 120 updates/s keep batches full.
describe.each(backends)('kill -9 while batches of conversations run, on $kind', (backend) => {
  it.skipIf(backend.skipReason)(
    'loses no message of a batch and answers every stored message once',
    async () => {
      const result = await runKillScenario({ backend: backend.kind, updates: 360, chats: 120, perSecond: 120, kills: 2, sendDelayMs: 20 });
      const inFlight = result.inFlightAtKills.reduce((sum, n) => sum + n, 0);
      console.log(
        `${backend.kind}: ${result.acked} acked, ${result.stored} stored, ${result.replies} replies, ${result.delivered} delivered; ` +
          `lost ${result.lost}, duplicated ${result.duplicated} (in flight at the kills: ${result.inFlightAtKills.join(', ')}), unprocessed ${result.unprocessed}`,
      );
      expect(result.acked).toBe(360);
      expect(result.stored).toBe(360);
      expect(result.unprocessed).toBe(0);
      // Every message of this conversation gets exactly one reply ("halo", "menu", "bantuan").
      expect(result.replies).toBe(360);
      expect(result.lost).toBe(0);
      expect(result.duplicated).toBeLessThanOrEqual(inFlight);
    },
    600_000,
  );
});
