import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { recipientScope } from '../../src/dashboard/access/recipient-scope.js';
import { searchRecipients, type RecipientFilters } from '../../src/dashboard/pages/recipients/search-recipients.js';
import { importPrograms } from '../../src/importing/import-programs.js';
import { DEMO_SEED_DIR } from '../../src/seed/seed-demo-data.js';
import { openDatabase } from '../../src/storage/database.js';
import { applyMigrations } from '../../src/storage/migrations/apply-migrations.js';
import { loadRecipients } from '../support/load-million-recipients.js';

// The dashboard's recipient search at scale: loads N fictional KPM (default 1,000,000) into a
// fresh PostgreSQL database, then times searchRecipients (the page's own query, through
// Prisma) for typical searches (prefixes, NIKs, words and parts of words anywhere in a name or
// village, filters, a facilitator's scope) and prints p50/p99 per kind. Goal: p99 < 100 ms.
//
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/dashboard/recipient-search.ts
//   options: --recipients 1000000 --runs 100 --keep (keep the database; its URL is printed)

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
    /** Time the searches on a database kept by an earlier --keep run (migrations are applied, nothing loaded). */
    reuse: { type: 'string' },
  },
});
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server');
const N = Number(values.recipients);
const RUNS = Number(values.runs);
const GROUPS = 2000;
const MEMBERS_PER_GROUP = 100;

const name = values.reuse ?? `kpm_bench_search_${randomBytes(4).toString('hex')}`;
if (!values.reuse) await admin(`CREATE DATABASE ${name}`);
const url = withDatabase(serverUrl, name);
const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
try {
  await applyMigrations(db);
  if (!values.reuse) await load();
  const groupIds = (await db.prisma.kpmGroup.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((g) => g.id);
  const facilitator = await db.prisma.staffUser.findUniqueOrThrow({ where: { username: 'bench.facilitator' } });
  await db.prisma.$executeRawUnsafe('ANALYZE recipient');

  /** N fictional KPM (h7's loader), dealt into GROUPS groups; a facilitator with three of them. */
  async function load(): Promise<void> {
    await importPrograms(db, await readFile(`${DEMO_SEED_DIR}/programs.csv`, 'utf8'));
    // Groups first (the loader deals KPM into them), then a facilitator with three of them.
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO kpm_group (name, program_code, regency, updated_at) SELECT 'Kelompok ' || g, 'UEP', 'Kota Serang', now() FROM generate_series(1, ${GROUPS}) g`,
    );
    const groupIds = (await db.prisma.kpmGroup.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((g) => g.id);
    const facilitator = await db.prisma.staffUser.create({ data: { username: 'bench.facilitator', displayName: 'Bench', role: 'facilitator', passwordHash: 'x' } });
    await db.prisma.kpmGroupFacilitator.createMany({ data: groupIds.slice(10, 13).map((groupId) => ({ groupId, staffUserId: facilitator.id })) });

    const loaded = await loadRecipients(url, {
      recipients: N,
      linkedShare: 0.1,
      groups: { groupIds, membersPerGroup: MEMBERS_PER_GROUP },
      log: (line) => process.stderr.write(`\r${line}          `),
    });
    process.stderr.write('\n');
    console.log(`loaded ${loaded.recipients.toLocaleString('en')} KPM, ${loaded.stageEvents.toLocaleString('en')} stage events, ${loaded.memberships.toLocaleString('en')} group memberships in ${loaded.seconds.toFixed(0)} s`);
  }

  const sample = await db.prisma.$queryRawUnsafe<{ nik: string; full_name: string; village: string; regency: string; district: string }[]>(
    `SELECT nik, full_name, village, regency, district FROM recipient WHERE id % ${Math.max(1, Math.floor(N / RUNS) - 1)} = 0 LIMIT ${RUNS}`,
  );
  const stage = await db.prisma.programStage.findFirstOrThrow({ where: { programCode: 'UEP' }, orderBy: { position: 'desc' } });
  const pick = <T>(i: number, list: T[]) => list[i % list.length]!;
  const all = recipientScope({ id: 0, role: 'operator' });
  const scoped = recipientScope({ id: facilitator.id, role: 'facilitator' });

  const kinds: { kind: string; scope: typeof all; filters: (i: number) => RecipientFilters }[] = [
    { kind: 'list, no filter', scope: all, filters: () => ({}) },
    { kind: 'name prefix (4 letters)', scope: all, filters: (i) => ({ q: pick(i, sample).full_name.slice(0, 4) }) },
    { kind: 'name prefix (first name + 3)', scope: all, filters: (i) => ({ q: pick(i, sample).full_name.split(' ').slice(0, 1).join(' ') + ' ' + pick(i, sample).full_name.split(' ')[1]!.slice(0, 3) }) },
    { kind: 'full NIK', scope: all, filters: (i) => ({ q: pick(i, sample).nik }) },
    { kind: 'NIK prefix (6 digits)', scope: all, filters: (i) => ({ q: pick(i, sample).nik.slice(0, 6) }) },
    { kind: 'village prefix', scope: all, filters: (i) => ({ village: pick(i, sample).village.slice(0, 6) }) },
    { kind: 'name word (last name)', scope: all, filters: (i) => ({ q: lastWord(pick(i, sample).full_name) }) },
    { kind: 'name part of a word (4 inside)', scope: all, filters: (i) => ({ q: lastWord(pick(i, sample).full_name).slice(1, 5) }) },
    { kind: 'name: two words, other order', scope: all, filters: (i) => ({ q: pick(i, sample).full_name.split(' ').reverse().join(' ') }) },
    { kind: 'name: no such word', scope: all, filters: (i) => ({ q: `zq${'xvw'[i % 3]}k` }) },
    { kind: 'village part of a word (end)', scope: all, filters: (i) => ({ village: pick(i, sample).village.slice(-4) }) },
    { kind: 'name word + village word', scope: all, filters: (i) => ({ q: lastWord(pick(i, sample).full_name), village: pick(i, sample).village.slice(-4) }) },
    { kind: 'name + regency', scope: all, filters: (i) => ({ q: pick(i, sample).full_name.slice(0, 4), regency: pick(i, sample).regency }) },
    { kind: 'regency + district', scope: all, filters: (i) => ({ regency: pick(i, sample).regency, district: pick(i, sample).district }) },
    { kind: 'program', scope: all, filters: () => ({ program: 'PROKUS' }) },
    { kind: 'program + current stage', scope: all, filters: () => ({ program: 'UEP', stage: stage.code }) },
    { kind: 'group', scope: all, filters: (i) => ({ groupId: pick(i, groupIds) }) },
    { kind: 'facilitator: list', scope: scoped, filters: () => ({}) },
    { kind: 'facilitator: name prefix', scope: scoped, filters: (i) => ({ q: pick(i, sample).full_name.slice(0, 3) }) },
    { kind: 'facilitator: NIK prefix', scope: scoped, filters: (i) => ({ q: pick(i, sample).nik.slice(0, 4) }) },
    { kind: 'facilitator: name word', scope: scoped, filters: (i) => ({ q: lastWord(pick(i, sample).full_name).slice(1) }) },
  ];

  // Warm-up: the first queries pay for connections and cold pages.
  for (const k of kinds) await searchRecipients(db.prisma, k.scope, k.filters(0));
  const everything: number[] = [];
  console.log(`\n${'search'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}  rows(avg)`);
  for (const k of kinds) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const filters = k.filters(i);
      const started = performance.now();
      const page = await searchRecipients(db.prisma, k.scope, filters);
      // Half the runs also fetch the next page (keyset cursor).
      if (i % 2 === 1 && page.next) await searchRecipients(db.prisma, k.scope, { ...filters, after: page.next });
      times.push(performance.now() - started);
      rows += page.rows.length;
    }
    everything.push(...times);
    console.log(`${k.kind.padEnd(34)} ${fmt(pct(times, 50))} ${fmt(pct(times, 99))} ${fmt(Math.max(...times))}  ${(rows / RUNS).toFixed(0)}`);
  }
  console.log(`${'ALL'.padEnd(34)} ${fmt(pct(everything, 50))} ${fmt(pct(everything, 99))} ${fmt(Math.max(...everything))}`);
  console.log(`\n(timed per search, incl. the second page on odd runs; ${RUNS} runs per kind; database ${name}${values.keep || values.reuse ? ' kept' : ' dropped'})`);
} finally {
  await db.close();
  if (!values.keep && !values.reuse) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

function lastWord(name: string): string {
  return name.split(' ').at(-1)!;
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function fmt(ms: number): string {
  return ms.toFixed(1).padStart(8);
}

function withDatabase(base: string, database: string): string {
  const parsed = new URL(base);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
