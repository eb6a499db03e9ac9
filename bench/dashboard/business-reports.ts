import { parseArgs } from 'node:util';
import pg from 'pg';
import { distribution } from '../analysis/percentiles.js';
import { createScratchDatabase, type ScratchDatabase } from '../machine/scratch-database.js';
import { loadRecipients } from '../support/load-million-recipients.js';
import type { RecipientScope } from '../../src/dashboard/access/recipient-scope.js';
import { previousMonth, type ReportMonth } from '../../src/graduation/report-month.js';
import { facilitatorReportRecap } from '../../src/report-review/facilitator-recap.js';
import { groupMonths } from '../../src/report-review/group-month.js';
import { monthlyReportPage, monthlyReportSummary } from '../../src/report-review/monthly-report-table.js';
import { BANTEN_MINIMUM_WAGES } from '../../src/seed/banten-minimum-wages.js';
import { openDatabase, type Database } from '../../src/storage/database.js';

// The dashboard's Laporan usaha at provincial scale, on PostgreSQL:
//   npx tsx bench/dashboard/business-reports.ts                        # scratch database, 1,000,000 KPM
//   npx tsx bench/dashboard/business-reports.ts --recipients 100000 --reporting 10000   # a quick run
//   npx tsx bench/dashboard/business-reports.ts --database-url URL     # an existing database, loaded if short
// Loads N KPM (bench/support/load-million-recipients.ts), puts the first `reporting` of them in
// groups of 25 (half UEP, half PROKUS) and gives them 12 months of business reports (about one
// month in ten missing, 1 in 20 stopped, 1 in 20 paused, a photo on one in five); then times the
// month's report table (several filters and scopes, a page deep in the keyset), its totals, a
// group's month and a facilitator's Rekap laporan: p50/p99/max over `runs` runs after a warm-up.

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    recipients: { type: 'string', default: '1000000' },
    reporting: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '50' },
    keep: { type: 'boolean', default: false },
  },
});
const wanted = Number(values.recipients);
const reporting = Number(values.reporting);
const runs = Number(values.runs);
const MEMBERS_PER_GROUP = 25;
const MONTHS = 12;

const REPORTS_SQL = `
  INSERT INTO business_report (reference, recipient_id, program_code, period, business_status, stop_reason, sales_amount, profit_amount,
                               family_workers, paid_workers, equipment_use, problems, channel, version, late, submitted_at, updated_at)
  SELECT 'LU-B' || r.id || '-' || mo, r.id, g.program_code, p.period,
         CASE WHEN h % 20 = 0 THEN 'stopped' WHEN h % 20 = 1 THEN 'paused' ELSE 'running' END,
         CASE WHEN h % 20 IN (0, 1) THEN 'no-buyers' END,
         CASE WHEN h % 20 IN (0, 1) THEN NULL ELSE 1000000 + (h * 7919) % 9000000 END,
         CASE WHEN h % 20 IN (0, 1) THEN NULL ELSE (1000000 + (h * 7919) % 9000000) * (20 + h % 40) / 100 END,
         h % 3, h % 2, CASE WHEN g.program_code = 'UEP' THEN 'all-used' END,
         CASE WHEN h % 7 = 0 THEN 'Butuh tambahan modal' END,
         'telegram', 1, h % 13 = 0, p.period + interval '4 days' + (h % 20) * interval '1 day', now()
    FROM recipient r
    JOIN kpm_group_member m ON m.recipient_id = r.id
    JOIN kpm_group g ON g.id = m.group_id
    CROSS JOIN generate_series(0, ${MONTHS - 1}) AS mo
    CROSS JOIN LATERAL (SELECT (date_trunc('month', $3::date) - mo * interval '1 month')::date AS period, (r.id::bigint * 31 + mo * 17) AS h) p
   WHERE r.id BETWEEN $1 AND $2 AND (r.id * 7 + mo * 3) % 10 <> 0`;

const PHOTOS_SQL = `
  INSERT INTO business_report_photo (report_id, position, media_key, thumbnail_key, mime_type, width, height, byte_size)
  SELECT b.id, 1, 'local:' || md5(b.id::text), 'local:' || md5('t' || b.id), 'image/jpeg', 1280, 960, 180000
    FROM business_report b WHERE b.id BETWEEN $1 AND $2 AND b.id % 5 = 0`;

let scratch: ScratchDatabase | undefined;
let url = values['database-url'];
if (!url) {
  scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url = scratch.url;
  console.log(`scratch database ${scratch.name}`);
}
let db: Database | undefined;
const client = new pg.Client({ connectionString: url });
try {
  db = await openDatabase({ databaseUrl: url, poolSize: 2 });
  const now = new Date();
  const month = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 7) as ReportMonth;
  const present = await db.prisma.recipient.count().catch(() => 0);
  if (present < wanted) {
    // Groups first (the loader deals the first KPM into them, round-robin), then the KPM.
    await loadRecipients(url, { recipients: 0 });
    const groupCount = Math.ceil(reporting / MEMBERS_PER_GROUP);
    const groups = await db.prisma.kpmGroup.createManyAndReturn({
      data: Array.from({ length: groupCount }, (_, i) => ({ name: `Bench KUBE ${i + 1}`, programCode: i % 2 === 0 ? 'UEP' : 'PROKUS', regency: 'Kota Serang' })),
      select: { id: true },
    });
    const summary = await loadRecipients(url, {
      recipients: wanted - present,
      groups: { groupIds: groups.map((g) => g.id), membersPerGroup: MEMBERS_PER_GROUP },
      log: (line) => process.stderr.write(`  ${line}\n`),
    });
    console.log(`loaded ${summary.recipients.toLocaleString('en')} KPM, ${summary.memberships.toLocaleString('en')} in ${groupCount.toLocaleString('en')} groups in ${summary.seconds.toFixed(1)} s`);
    await client.connect();
    await client.query('SET synchronous_commit = off');
    const started = performance.now();
    const { rows } = await client.query<{ min: number; max: number }>('SELECT min(recipient_id) AS min, max(recipient_id) AS max FROM kpm_group_member');
    let reports = 0;
    for (let from = rows[0]!.min; from <= rows[0]!.max; from += 20_000) {
      reports += (await client.query(REPORTS_SQL, [from, Math.min(rows[0]!.max, from + 19_999), `${month}-01`])).rowCount ?? 0;
      process.stderr.write(`  reports ${reports.toLocaleString('en')}\n`);
    }
    const ids = (await client.query<{ min: number; max: number }>('SELECT min(id) AS min, max(id) AS max FROM business_report')).rows[0]!;
    let photos = 0;
    for (let from = ids.min; from <= ids.max; from += 200_000) photos += (await client.query(PHOTOS_SQL, [from, from + 199_999])).rowCount ?? 0;
    await db.prisma.minimumWage.createMany({ data: [...BANTEN_MINIMUM_WAGES], skipDuplicates: true });
    await client.query('VACUUM ANALYZE business_report, business_report_photo, kpm_group, kpm_group_member');
    console.log(`loaded ${reports.toLocaleString('en')} reports over ${MONTHS} months and ${photos.toLocaleString('en')} photos in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const handle = db;
  const prisma = handle.prisma;
  const firstGroup = (await prisma.kpmGroup.findFirstOrThrow({ where: { name: 'Bench KUBE 1' } })).id;
  const facilitator =
    (await prisma.staffUser.findUnique({ where: { username: 'bench.facilitator' } })) ??
    (await prisma.staffUser.create({ data: { username: 'bench.facilitator', displayName: 'Bench', role: 'facilitator', passwordHash: 'x' } }));
  await prisma.kpmGroupFacilitator.createMany({ data: [firstGroup, firstGroup + 1].map((groupId) => ({ groupId, staffUserId: facilitator.id })), skipDuplicates: true });
  const all: RecipientScope = { kind: 'all' };
  const mine: RecipientScope = { kind: 'facilitator', staffUserId: facilitator.id };
  // A cursor in the middle of the month's table (page ~1,000 of 50 rows).
  const middle = await prisma.businessReport.findFirstOrThrow({ where: { period: new Date(`${month}-01T00:00:00Z`) }, orderBy: { recipientId: 'asc' }, skip: Math.floor(reporting * 0.45) });
  const earlier = previousMonth(previousMonth(month));
  const base = { month };

  const queries: [string, () => Promise<unknown>][] = [
    ['table, all, this month', () => monthlyReportPage(prisma, all, base)],
    ['table, all, a page deep', () => monthlyReportPage(prisma, all, { ...base, after: { recipientId: middle.recipientId, programCode: middle.programCode } })],
    ['table, all, 2 months ago', () => monthlyReportPage(prisma, all, { month: earlier })],
    ['table, UEP', () => monthlyReportPage(prisma, all, { ...base, program: 'UEP' })],
    ['table, region', () => monthlyReportPage(prisma, all, { ...base, regency: 'Kabupaten Lebak' })],
    ['table, PROKUS + region', () => monthlyReportPage(prisma, all, { ...base, program: 'PROKUS', regency: 'Kota Cilegon' })],
    ['table, one group', () => monthlyReportPage(prisma, all, { ...base, groupId: firstGroup + 1 })],
    ['table, facilitator', () => monthlyReportPage(prisma, mine, base)],
    ['totals, all', () => monthlyReportSummary(prisma, all, base)],
    ['totals, UEP + region', () => monthlyReportSummary(prisma, all, { ...base, program: 'UEP', regency: 'Kabupaten Lebak' })],
    ['totals, facilitator', () => monthlyReportSummary(prisma, mine, base)],
    ["group's month", () => groupMonths(prisma, [firstGroup], month)],
    ['rekap laporan (2 groups)', () => facilitatorReportRecap(prisma, facilitator.id, month)],
  ];
  console.log(`\nLaporan usaha queries, ${runs} runs each after one warm-up (ms)`);
  console.log(`${'query'.padEnd(28)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}`);
  let worst = 0;
  for (const [name, run] of queries) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    const d = distribution(times)!;
    worst = Math.max(worst, d.p99);
    console.log(`${name.padEnd(28)}${d.p50.toFixed(1).padStart(10)}${d.p99.toFixed(1).padStart(10)}${d.max.toFixed(1).padStart(10)}`);
  }
  console.log(`\nworst p99: ${worst.toFixed(1)} ms (goal: under 200 ms)`);
} finally {
  await client.end().catch(() => {});
  await db?.close();
  if (scratch && !values.keep) await scratch.drop();
  else if (scratch) console.log(`kept ${scratch.url}`);
}
