import type { Distribution } from '../analysis/percentiles.js';
import type { CpuBreakdown } from '../machine/cpu-accounting.js';
import type { BackendResult, BenchResults, PhaseResult, ProfileResult } from '../results.js';

const AIM: Record<BackendResult['backend'], number> = { postgres: 1_000, pglite: 300 };
const LABEL: Record<BackendResult['backend'], string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };
const CHANNEL: Record<BackendResult['channel'], string> = { telegram: 'Telegram', 'whatsapp-cloud': 'WhatsApp Cloud' };

/** The human-readable report printed at the end of a run. */
export function formatReport(results: BenchResults): string {
  const out: string[] = [];
  const { machine, settings } = results;
  out.push('', '== KPM assistant: whole-path benchmark ==');
  out.push('Path: wrk → POST /webhooks/telegram (Hono, secret checked, Telegraf) or POST /webhooks/whatsapp (HMAC-signed, Cloud channel) → engine (inbox INSERT, then 2xx) → per-chat transaction (XState flow + effects, snapshot, outbox) → outbox sender → Bot API / Graph API stand-in on 127.0.0.1');
  out.push(`App: ${settings.app}`);
  out.push(`Machine: ${machine.cores} × ${machine.model}, ${machine.memoryGb} GB, Node ${machine.node}; load average at start ${machine.loadAverageAtStart.join(' ')}`);
  if (settings.experiments !== 'none (the app as it is)') out.push(`EXPERIMENT — patched into the server child, not the app as it is: ${settings.experiments}`);
  out.push(`Load: wrk ${settings.wrk}; chats: ${settings.chats}; ${settings.durationSeconds} s per run, warm-up ${settings.warmupSeconds} s at 100 msg/s (200 chats of its own); each chat repeats, starting at step (chat mod 7): ${settings.cycle}`);
  out.push(`Outbox rate limits: ${settings.outboxRateLimits}. In production Telegram's limits (about 30 messages/s per bot overall, about 1/s per chat) cap delivered replies at ~30/s whatever the server can do; this measures the pipeline, not Telegram.`);
  out.push('Latency: wrk stamps each POST with its sequence number and send time in headers (X-Bench-Seq, X-Bench-Sent; nothing in the text), the server child notes them; the stand-in notes when each reply arrived per chat; a chat\'s replies are dealt to its messages in order using the reply count of each step from a calibration conversation. e2e = wrk sends the POST → first reply at the stand-in (same machine clock). Throughput runs are flat out (open loop: acks come before processing, so a backlog builds); latency runs are paced (wrk delay()) below the measured throughput.');
  if (results.ceiling) {
    const c = results.ceiling;
    out.push('', `Ceiling — bare Hono JSON route, same wrk load: ${fmt(c.requestsPerSecond)} req/s, ack p50 ${ms(c.ackP50Ms)} p99 ${ms(c.ackP99Ms)}${c.errors ? `, ${c.errors} errors` : ''}`);
    out.push(`  CPU during it: ${cpuLine(c.cpu)}`);
  }
  for (const backend of results.backends) out.push('', ...formatBackend(backend));
  out.push('', 'Summary (messages answered per second under full load; e2e latency at the paced load):');
  for (const backend of results.backends) {
    const throughput = backend.phases.find((phase) => phase.name === 'throughput');
    const latency = backend.phases.find((phase) => phase.name === 'latency');
    const aim = AIM[backend.backend];
    const rate = throughput?.messagesPerSecond ?? 0;
    out.push(
      `  ${`${LABEL[backend.backend]} / ${CHANNEL[backend.channel]}`.padEnd(28)} ${fmt(rate).padStart(6)} msg/s (${fmt(throughput?.repliesPerSecond ?? 0)} replies/s, ${fmt(throughput?.ackedPerSecond ?? 0)} acked/s)` +
        (latency ? `; at ${fmt(latency.ackedPerSecond)} msg/s: e2e p50 ${dist(latency.latencyFirstReply, 'p50')} p99 ${dist(latency.latencyFirstReply, 'p99')}` : '') +
        ` — aim ≥${fmt(aim)}/s: ${rate >= aim ? 'met' : `NOT met (${Math.round((rate / aim) * 100)}%)`}`,
    );
  }
  if (results.ceiling) out.push(`  ${'Ceiling (bare Hono route)'.padEnd(28)} ${fmt(results.ceiling.requestsPerSecond).padStart(6)} req/s`);
  return out.join('\n');
}

function formatBackend(result: BackendResult): string[] {
  const out: string[] = [];
  out.push(`--- ${LABEL[result.backend]} / ${CHANNEL[result.channel]} (${Object.entries(result.details).map(([key, value]) => `${key}=${value}`).join(', ')}) ---`);
  out.push(`Calibration, one chat, one message at a time, no other load (replies; POST → ack; POST → first reply): ${result.calibration.map((step) => `${step.step}: ${step.replies}; ${ms(step.unloadedAckMs)}; ${ms(step.unloadedMs)}`).join(' · ')}`);
  out.push(`${'run'.padEnd(26)}${'acked/s'.padStart(9)}${'replies/s'.padStart(11)}${'msgs/s'.padStart(9)}${'ack p50'.padStart(10)}${'ack p99'.padStart(10)}${'e2e p50'.padStart(10)}${'e2e p99'.padStart(10)}${'e2e max'.padStart(10)}  backlog at end → drained`);
  for (const phase of result.phases) {
    const name = phase.targetRate === undefined ? `${phase.name} (flat out)` : `${phase.name} (paced ${fmt(phase.targetRate)}/s)`;
    out.push(
      `${name.padEnd(26)}${fmt(phase.ackedPerSecond).padStart(9)}${fmt(phase.repliesPerSecond).padStart(11)}${fmt(phase.messagesPerSecond).padStart(9)}${ms(phase.ackP50Ms).padStart(10)}${ms(phase.ackP99Ms).padStart(10)}` +
        `${dist(phase.latencyFirstReply, 'p50').padStart(10)}${dist(phase.latencyFirstReply, 'p99').padStart(10)}${dist(phase.latencyFirstReply, 'max').padStart(10)}  ${fmt(phase.backlogAtEnd)} → ${phase.drainSeconds === undefined ? 'NOT drained' : `${phase.drainSeconds.toFixed(1)} s`}`,
    );
  }
  for (const phase of result.phases) {
    const problems = [phase.rejected ? `${phase.rejected} non-2xx` : '', phase.wrkErrors ? `${phase.wrkErrors} socket errors/timeouts` : '', phase.unanswered ? `${phase.unanswered} unanswered` : ''].filter(Boolean);
    out.push(`  ${phase.name}: CPU ${cpuLine(phase.cpu)}; server event loop ${Math.round(phase.serverEventLoopUtilization * 100)}% busy, ${phase.serverMemoryMb} MB${problems.length ? `; ${problems.join(', ')}` : ''}${phase.latencyLastReply ? `; e2e to last reply p50 ${dist(phase.latencyLastReply, 'p50')} p99 ${dist(phase.latencyLastReply, 'p99')}` : ''}`);
  }
  if (result.restartedForLatency) out.push('  (the throughput run\'s backlog did not drain in time: the latency run used a fresh server and database)');
  out.push(`  Chats: ${result.loadChats} in the measured runs; latency pairing over ${result.chats} chats (calibration and warm-up included), ${result.mismatchedChats} left out because their replies did not pair up exactly.`);
  const errors = Object.entries(result.log.errorMessages);
  out.push(`  Server log: ${result.log.lines} lines, ${result.log.personalDataHits === 0 ? 'no demo NIK or name in it' : `${result.log.personalDataHits} DEMO NIK/NAME OCCURRENCES`}${errors.length ? `; warnings/errors: ${errors.map(([message, count]) => `"${message}" ×${count}`).join(', ')}` : '; no warnings or errors'}`);
  if (result.profile) out.push(...formatProfile(result.profile));
  return out;
}

export function formatProfile(profile: ProfileResult): string[] {
  const out: string[] = [];
  out.push(`  Profile of the throughput run: ${fmt(profile.messagesProcessed)} messages processed; ${profile.statementsPerMessage.toFixed(1)} SQL statements and ${profile.transactionsPerMessage.toFixed(2)} transactions per message${profile.avgTransactionHoldMs !== undefined ? `; a transaction holds PGlite's single connection ${profile.avgTransactionHoldMs.toFixed(1)} ms on average` : ''}`);
  out.push('  SQL statements (per message processed, average ms from issue to answer):');
  for (const stat of profile.statements.slice(0, 30)) out.push(`    ${stat.perMessage.toFixed(2).padStart(6)} ×  ${stat.avgMs.toFixed(2).padStart(7)} ms  ${stat.sql}`);
  const busy = profile.cpu.totalMs - profile.cpu.idleMs;
  out.push(`  CPU profile of the server's main thread: ${fmt(profile.cpu.totalMs)} ms sampled, ${Math.round((busy / profile.cpu.totalMs) * 100)}% busy. Self time by area (% of busy):`);
  for (const area of profile.cpu.areas.slice(0, 18)) out.push(`    ${((area.ms / busy) * 100).toFixed(1).padStart(5)}%  ${area.area}`);
  out.push('  Top functions by self time (% of busy):');
  for (const fn of profile.cpu.functions) out.push(`    ${((fn.ms / busy) * 100).toFixed(1).padStart(5)}%  ${fn.name}  ${fn.where}  [${fn.area}]`);
  out.push(`  (profile file: ${profile.profileFile}; open it in Chrome DevTools → Performance)`);
  return out;
}

function cpuLine(cpu: CpuBreakdown): string {
  const groups = Object.entries(cpu.groups).filter(([, cores]) => cores > 0.005).map(([name, cores]) => `${name} ${cores.toFixed(2)}`);
  const others = cpu.topOthers.map((other) => `${other.name} ${other.cores.toFixed(2)}`).join(', ');
  return `machine ${cpu.machineBusyCores.toFixed(2)}/${cpu.cores} cores busy — ${groups.join(', ')}, everything else ${cpu.otherCores.toFixed(2)}${others ? ` (${others})` : ''}; load avg ${cpu.loadAverage1m.toFixed(2)}`;
}

function dist(value: Distribution | undefined, key: 'p50' | 'p99' | 'max'): string {
  return value ? ms(value[key]) : '—';
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${Math.round(value)} ms`;
  return `${value.toFixed(1)} ms`;
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export type { PhaseResult };
