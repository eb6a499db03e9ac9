/**
 * Issue 6.4's kill -9 scenario at full size: the real server as a child process, updates
 * posted at a steady rate, kill -9 several times, a graceful stop, and lost and duplicated
 * replies counted at the Bot API stand-in. Needs TEST_DATABASE_URL for PostgreSQL.
 *
 *   npx tsx bench/outbox/kill-restart.ts [postgres|pglite] [updates] [chats] [perSecond] [kills]
 *   (default: postgres 2000 200 20 3)
 */
import { runKillScenario } from '../../test/outbox/kill-scenario.js';

async function main(): Promise<void> {
  const [backend = 'postgres', updates = '2000', chats = '200', perSecond = '20', kills = '3'] = process.argv.slice(2);
  if (backend !== 'postgres' && backend !== 'pglite') throw new Error('backend: postgres or pglite');
  const started = Date.now();
  const log = (line: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`);
  const result = await runKillScenario({
    backend,
    updates: Number(updates),
    chats: Number(chats),
    perSecond: Number(perSecond),
    kills: Number(kills),
    sendDelayMs: 20,
    log,
  });
  const inFlight = result.inFlightAtKills.reduce((sum, n) => sum + n, 0);
  console.log(`backend              ${backend}`);
  console.log(`updates acked/stored ${result.acked}/${result.stored}`);
  console.log(`replies (database)   ${result.replies}; delivered at the stand-in ${result.delivered}`);
  console.log(`lost                 ${result.lost}`);
  console.log(`duplicated           ${result.duplicated} (sends in flight at the kills: ${result.inFlightAtKills.join(', ')} = ${inFlight})`);
  console.log(`graceful stop        ${result.leftAtGracefulStop} left unsent, ${result.deliveredAfterGracefulStop} delivered after restart, ${result.duplicatedByGracefulStop} duplicated`);
  console.log(`first reply after each restart: ${result.resumeMs.map((ms) => `${ms} ms`).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
