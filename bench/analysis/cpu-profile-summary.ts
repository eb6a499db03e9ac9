import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile this reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled milliseconds, idle included. */
  totalMs: number;
  idleMs: number;
  /** Self time by area (package, app folder, runtime), busiest first, ms. */
  areas: Array<{ area: string; ms: number }>;
  /** Self time by function, busiest first, ms. */
  functions: Array<{ name: string; where: string; area: string; ms: number }>;
}

/** Self time per function and per area from a V8 CPU profile. */
export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const selfUs = new Map<number, number>();
  for (let index = 0; index < profile.samples.length; index += 1) {
    const node = profile.samples[index]!;
    selfUs.set(node, (selfUs.get(node) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }
  const wasmNames = nameWasmModules(profile);
  const functions = new Map<string, { name: string; where: string; area: string; ms: number }>();
  const areas = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const node of profile.nodes) {
    const ms = (selfUs.get(node.id) ?? 0) / 1000;
    if (ms === 0) continue;
    totalMs += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const area = wasmNames.get(url) ?? areaOf(functionName, url);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = functions.get(key) ?? { name: functionName || '(anonymous)', where, area, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
  }
  return {
    totalMs,
    idleMs,
    areas: [...areas.entries()].map(([area, ms]) => ({ area, ms })).sort((a, b) => b.ms - a.ms),
    functions: [...functions.values()].sort((a, b) => b.ms - a.ms).slice(0, top),
  };
}

/**
 * WebAssembly frames carry no names here; what calls into a module tells which it is: PGlite's
 * PostgreSQL or Prisma's query compiler. Each wasm module is named after its most frequent
 * JavaScript caller.
 */
function nameWasmModules(profile: CpuProfile): Map<string, string> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const callers = new Map<string, Map<string, number>>();
  for (const node of profile.nodes) {
    const url = node.callFrame.url;
    if (!url.startsWith('wasm://')) continue;
    let up = parent.get(node.id);
    while (up !== undefined && (byId.get(up)?.callFrame.url ?? '').startsWith('wasm://')) up = parent.get(up);
    const caller = up === undefined ? undefined : byId.get(up);
    if (!caller?.callFrame.url) continue;
    const area = areaOf(caller.callFrame.functionName, caller.callFrame.url);
    const tally = callers.get(url) ?? new Map<string, number>();
    tally.set(area, (tally.get(area) ?? 0) + 1);
    callers.set(url, tally);
  }
  const names = new Map<string, string>();
  for (const [url, tally] of callers) {
    const caller = [...tally.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '?';
    const what = caller === '@electric-sql/pglite' ? 'PostgreSQL in PGlite' : caller === '@prisma/client' ? 'Prisma query compiler' : `called from ${caller}`;
    names.set(url, `WebAssembly: ${what}`);
  }
  return names;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) return url.slice(modules + '/node_modules/'.length);
  const repo = url.indexOf('/work/main/');
  if (repo !== -1) return url.slice(repo + '/work/main/'.length);
  return url.replace(/^file:\/\//, '');
}

/** Which package, app folder or runtime part a frame belongs to. */
export function areaOf(functionName: string, url: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'V8 garbage collector';
    if (functionName === '(program)') return 'V8/native (program)';
    return functionName ? `native: ${functionName}` : 'native';
  }
  if (url.startsWith('wasm://')) return `WebAssembly ${url.split('/').pop() ?? ''}`;
  if (url.startsWith('node:')) {
    if (/^node:(_http|http|net|stream|internal\/streams|internal\/http|internal\/net|internal\/stream)/.test(url)) return 'node: http/net/streams';
    if (/^node:internal\/(process\/task_queues|timers|async_hooks)|^node:timers/.test(url)) return 'node: promises/timers/microtasks';
    return 'node: other internals';
  }
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '?');
    return name;
  }
  const match = /\/work\/main\/(src\/[^/]+|flows|bench|test)/.exec(url);
  if (match) return `app ${match[1]}`;
  return url;
}
