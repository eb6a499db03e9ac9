import { describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { runBroadcastKill } from './broadcast-kill-scenario.js';

// A 5,000-recipient broadcast while the real server is killed with SIGKILL twice and restarted:
// every KPM gets it, counted at the Bot API stand-in. The send rows are unique per (broadcast,
// KPM), so nothing is queued twice; only a send in flight at a kill can repeat (the platform
// cannot be asked whether it arrived), and each kill reports how many those were.
describe.each(backends)('a broadcast through kill -9 on $kind', (backend) => {
  it.skipIf(backend.skipReason)(
    'reaches every KPM once, repeating at most what was in flight at the kills',
    async () => {
      const result = await runBroadcastKill({ backend: backend.kind, recipients: 5_000, kills: 2, perSecond: 150, sendDelayMs: 5 });
      const inFlight = result.inFlightAtKills.reduce((sum, n) => sum + n, 0);
      console.log(
        `${backend.kind}: ${result.recipients} KPM, ${result.delivered} delivered, missing ${result.missing}, ` +
          `duplicated ${result.duplicated} (in flight at the kills: ${result.inFlightAtKills.join(', ')})`,
      );
      expect(result.sendRows).toBe(5_000);
      expect(result.missing).toBe(0);
      expect(result.duplicated).toBeLessThanOrEqual(inFlight);
    },
    900_000,
  );
});
