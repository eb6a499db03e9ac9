import { describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { runBroadcastKill } from './broadcast-kill-scenario.js';

// A 5,000-recipient broadcast while the real server is killed with SIGKILL twice and restarted:
// every KPM gets it, counted at the Bot API stand-in. The send rows are unique per (broadcast,
// KPM), so nothing is queued twice; only a send under way at a kill can repeat (the platform
// cannot be asked whether it arrived). The server has at most OUTBOX_SEND_CONCURRENCY sends
// on the wire, so each kill repeats at most that many. More may be marked in flight (bulk is
// marked a little ahead of its paced slot); those never reached the platform and go once.
// (Before, a claim's whole batch was marked in flight at once and ~150–220 KPM got it twice.)
describe.each(backends)('a broadcast through kill -9 on $kind', (backend) => {
  it.skipIf(backend.skipReason)(
    'reaches every KPM once, repeating at most the sends under way at the kills',
    async () => {
      const kills = 2;
      const sendConcurrency = 4;
      const result = await runBroadcastKill({ backend: backend.kind, recipients: 5_000, kills, perSecond: 150, sendDelayMs: 5, sendConcurrency });
      const inFlight = result.inFlightAtKills.reduce((sum, n) => sum + n, 0);
      console.log(
        `${backend.kind}: ${result.recipients} KPM, ${result.delivered} delivered, missing ${result.missing}, ` +
          `duplicated ${result.duplicated} (in flight at the kills: ${result.inFlightAtKills.join(', ')})`,
      );
      expect(result.sendRows).toBe(5_000);
      expect(result.missing).toBe(0);
      expect(result.duplicated).toBeLessThanOrEqual(inFlight);
      expect(result.duplicated).toBeLessThanOrEqual(kills * sendConcurrency);
    },
    900_000,
  );
});
