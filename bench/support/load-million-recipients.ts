import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { importPrograms } from '../../src/importing/import-programs.js';
import { DEMO_SEED_DIR } from '../../src/seed/seed-demo-data.js';
import { openDatabase } from '../../src/storage/database.js';
import { applyMigrations } from '../../src/storage/migrations/apply-migrations.js';

// Fills a PostgreSQL database with N fictional KPM for benchmarks (search, export, overview):
// valid-looking Banten NIKs, names, villages, stage timelines in the demo programs, and
// optionally linked chats, inbound/outbound messages and group memberships. Everything is
// made by the server itself (INSERT … SELECT generate_series), in chunks, so 1,000,000 KPM
// take well under a few minutes and no row crosses the network.
//
//   DATABASE_URL=postgresql://… npx tsx bench/support/load-million-recipients.ts --recipients 1000000

export interface LoadOptions {
  recipients: number;
  /** Linked chats for this share of the KPM (0–1), spread over telegram / whatsapp / whatsapp-cloud. */
  linkedShare?: number;
  /** Inbound messages, spread over the last 60 days and over the linked chats. */
  inboundMessages?: number;
  /** Outbound messages (mostly sent, some pending and failed). */
  outboundMessages?: number;
  /**
   * Memberships in existing groups (kpm_group_member(group_id, recipient_id) must exist): KPM
   * are dealt round-robin into `groupIds`, `membersPerGroup` each.
   */
  groups?: { groupIds: number[]; membersPerGroup: number };
  chunk?: number;
  log?: (line: string) => void;
}

export interface LoadSummary {
  recipients: number;
  stageEvents: number;
  conversations: number;
  inboundMessages: number;
  outboundMessages: number;
  memberships: number;
  seconds: number;
}

const FIRST_NAMES = [
  'Siti', 'Ahmad', 'Nurhayati', 'Imas', 'Ujang', 'Dewi', 'Asep', 'Rina', 'Budi', 'Yuyun', 'Dedi', 'Euis', 'Agus', 'Neneng',
  'Iwan', 'Lilis', 'Endang', 'Tati', 'Hendra', 'Cucu', 'Rohman', 'Enok', 'Jajang', 'Ani', 'Wawan', 'Eti', 'Saepul', 'Nining',
];
const LAST_NAMES = [
  'Rahayu', 'Hidayat', 'Masitoh', 'Saepudin', 'Suhendar', 'Kurniasih', 'Hermawan', 'Nurjanah', 'Setiawan', 'Maryati',
  'Sumarna', 'Rohayati', 'Suryadi', 'Fitriani', 'Mulyadi', 'Rosmiati', 'Supriatna', 'Komariah', 'Ruhiyat', 'Halimah',
];
const DISTRICTS = [
  'Taktakan', 'Cipocok Jaya', 'Walantaka', 'Curug', 'Kasemen', 'Serang', 'Ciruas', 'Kramatwatu', 'Cikande', 'Anyar',
  'Rangkasbitung', 'Malingping', 'Labuan', 'Menes', 'Balaraja', 'Tigaraksa', 'Ciputat', 'Pamulang', 'Cibeber', 'Pulomerak',
];
const VILLAGE_HEADS = ['Suka', 'Mekar', 'Tanjung', 'Karang', 'Pasir', 'Cipta', 'Sindang', 'Bojong', 'Cibadak', 'Teluk'];
const VILLAGE_TAILS = ['jaya', 'mulya', 'sari', 'makmur', 'maju', 'wangi', 'asih', 'rahayu'];
const REGENCIES: [code: string, name: string][] = [
  ['3601', 'Kabupaten Pandeglang'], ['3602', 'Kabupaten Lebak'], ['3603', 'Kabupaten Tangerang'], ['3604', 'Kabupaten Serang'],
  ['3671', 'Kota Tangerang'], ['3672', 'Kota Cilegon'], ['3673', 'Kota Serang'], ['3674', 'Kota Tangerang Selatan'],
];

const textArray = (values: readonly string[]) => `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/**
 * NIK digits from k = i - 1 in mixed radix (regency, serial, district, day, month, year), so
 * every i gives a distinct NIK: regency code, district 01–20, a birth date 1950–1999 with
 * women's day + 40, serial 0001–9000.
 */
const RECIPIENTS_SQL = `
  INSERT INTO recipient (nik, full_name, kk_number, phone, regency, district, village, updated_at)
  SELECT n.nik,
         (${textArray(FIRST_NAMES)})[1 + (i * 7) % ${FIRST_NAMES.length}] || ' ' ||
         (${textArray(LAST_NAMES)})[1 + (i / 3 * 11) % ${LAST_NAMES.length}],
         substr(n.nik, 1, 6) || lpad((i % 10000000000)::text, 10, '0'),
         CASE WHEN i % 5 = 0 THEN NULL ELSE '+62812' || lpad((i % 100000000)::text, 8, '0') END,
         (${textArray(REGENCIES.map(([, name]) => name))})[1 + k % 8],
         (${textArray(DISTRICTS)})[1 + (k / 72000) % 20],
         (${textArray(VILLAGE_HEADS)})[1 + (i / 13) % ${VILLAGE_HEADS.length}] ||
         (${textArray(VILLAGE_TAILS)})[1 + (i / 130) % ${VILLAGE_TAILS.length}],
         now()
    FROM generate_series($1::bigint, $2::bigint) AS i,
         LATERAL (SELECT i - 1 AS k) AS kk,
         LATERAL (SELECT
           (${textArray(REGENCIES.map(([code]) => code))})[1 + k % 8]
           || lpad((1 + (k / 72000) % 20)::text, 2, '0')
           || lpad((1 + (k / 1440000) % 28 + CASE WHEN i % 2 = 0 THEN 40 ELSE 0 END)::text, 2, '0')
           || lpad((1 + (k / 40320000) % 12)::text, 2, '0')
           || lpad((50 + (k / 483840000) % 50)::text, 2, '0')
           || lpad((1 + (k / 8) % 9000)::text, 4, '0') AS nik) AS n`;

/**
 * Each KPM is in one demo program (by id), every 4th in a second one; their timeline runs from
 * the first stage to a pseudo-random one, one event per stage, the last with an amount.
 */
const STAGES_SQL = `
  INSERT INTO stage_event (recipient_id, program_code, stage_code, occurred_on, amount, channel, place, note)
  SELECT r.id, s.program_code, s.code, date '2021-01-04' + (s.position * 40 + r.id % 28),
         CASE WHEN s.position = e.last THEN 500000 * (1 + r.id % 5) END,
         CASE WHEN s.position = e.last THEN 'BRI' END, NULL, NULL
    FROM recipient r
    JOIN (SELECT code, (row_number() OVER (ORDER BY code) - 1)::int AS idx, count(*) OVER ()::int AS n,
                 (SELECT max(position) FROM program_stage ps WHERE ps.program_code = p.code) AS stages
            FROM program p) p
      ON r.id % p.n = p.idx OR (r.id % 4 = 0 AND (r.id + 1) % p.n = p.idx)
    CROSS JOIN LATERAL (SELECT 1 + ((r.id::bigint * 2654435761 + p.idx) % 1009) % p.stages AS last) e
    JOIN program_stage s ON s.program_code = p.code AND s.position <= e.last
   WHERE r.id BETWEEN $1 AND $2`;

const CHANNELS = ['telegram', 'whatsapp', 'whatsapp-cloud'];

const CONVERSATIONS_SQL = `
  INSERT INTO conversation (channel, chat_id, machine_id, machine_version, recipient_id, blocked_at, updated_at)
  SELECT (${textArray(CHANNELS)})[1 + r.id % 3], 'bench-' || r.id, 'kpm-assistant', 1, r.id,
         CASE WHEN r.id % 97 = 0 THEN now() - interval '3 days' END, now()
    FROM recipient r
   WHERE r.id BETWEEN $1 AND $2 AND r.id % 1000 < $3`;

const INBOUND_SQL = `
  INSERT INTO inbound_message (channel, chat_id, external_id, payload, status, received_at, processed_at)
  SELECT c.channel, c.chat_id, 'bench-' || g, '{}'::jsonb, 'done', t.at, t.at
    FROM generate_series($1::bigint, $2::bigint) AS g
    JOIN conversation c ON c.id = $3 + g % $4
    CROSS JOIN LATERAL (SELECT now() - interval '60 days' + (g::float8 / $5) * interval '60 days' AS at) t
  ON CONFLICT DO NOTHING`;

const OUTBOUND_SQL = `
  INSERT INTO outbound_message (channel, chat_id, payload, status, updated_at)
  SELECT c.channel, c.chat_id, '{}'::jsonb,
         CASE WHEN g % 200 = 0 THEN 'failed' WHEN g % 50 = 0 THEN 'pending' ELSE 'sent' END, now()
    FROM generate_series($1::bigint, $2::bigint) AS g
    JOIN conversation c ON c.id = $3 + g % $4`;

/** Loads into the (migrated, or migrated here) database at `databaseUrl`; adds to what is there. */
export async function loadRecipients(databaseUrl: string, options: LoadOptions): Promise<LoadSummary> {
  const log = options.log ?? (() => {});
  const chunk = options.chunk ?? 100_000;
  const started = performance.now();

  const db = await openDatabase({ databaseUrl, poolSize: 2 });
  try {
    await applyMigrations(db);
    if ((await db.prisma.program.count()) === 0) {
      await importPrograms(db, await readFile(`${DEMO_SEED_DIR}/programs.csv`, 'utf8'));
    }
  } finally {
    await db.close();
  }

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const summary: LoadSummary = {
    recipients: 0, stageEvents: 0, conversations: 0, inboundMessages: 0, outboundMessages: 0, memberships: 0, seconds: 0,
  };
  try {
    // A benchmark's data: losing the last second of it in a crash costs nothing.
    await client.query('SET synchronous_commit = off');
    const before = await client.query<{ max: number | null }>('SELECT max(id) AS max FROM recipient');
    const firstNumber = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM recipient')).rows[0]!.n) + 1;
    for (let from = 0; from < options.recipients; from += chunk) {
      const to = Math.min(options.recipients, from + chunk);
      const inserted = await client.query(RECIPIENTS_SQL, [firstNumber + from, firstNumber + to - 1]);
      summary.recipients += inserted.rowCount ?? 0;
      log(`recipients ${to.toLocaleString('en')} / ${options.recipients.toLocaleString('en')}`);
    }
    const range = await client.query<{ min: number; max: number }>('SELECT min(id) AS min, max(id) AS max FROM recipient WHERE id > $1', [
      before.rows[0]?.max ?? 0,
    ]);
    const { min, max } = range.rows[0]!;
    for (let from = min; from <= max; from += chunk) {
      const events = await client.query(STAGES_SQL, [from, Math.min(max, from + chunk - 1)]);
      summary.stageEvents += events.rowCount ?? 0;
      const chats = await client.query(CONVERSATIONS_SQL, [from, Math.min(max, from + chunk - 1), Math.round((options.linkedShare ?? 0) * 1000)]);
      summary.conversations += chats.rowCount ?? 0;
      log(`stage events and chats up to KPM ${(from - min + chunk).toLocaleString('en')}`);
    }
    // Messages go to chats by id (ids of chats made here are consecutive).
    const chats = (await client.query<{ min: number; n: string }>('SELECT min(id) AS min, count(*) AS n FROM conversation')).rows[0]!;
    const chatCount = Number(chats.n);
    if (chatCount > 0) {
      summary.inboundMessages = await inChunks(options.inboundMessages ?? 0, chunk, (a, b) =>
        client.query(INBOUND_SQL, [a, b, chats.min, chatCount, options.inboundMessages]),
      );
      summary.outboundMessages = await inChunks(options.outboundMessages ?? 0, chunk, (a, b) =>
        client.query(OUTBOUND_SQL, [a, b, chats.min, chatCount]),
      );
    }
    if (options.groups && options.groups.groupIds.length > 0) {
      const { groupIds, membersPerGroup } = options.groups;
      const members = await client.query(
        `INSERT INTO kpm_group_member (group_id, recipient_id)
         SELECT ($3::int[])[1 + (r.id - $1) % array_length($3::int[], 1)], r.id
           FROM recipient r WHERE r.id BETWEEN $1 AND $1 + $2 - 1`,
        [min, groupIds.length * membersPerGroup, groupIds],
      );
      summary.memberships = members.rowCount ?? 0;
    }
    log('analyze');
    await client.query('VACUUM ANALYZE recipient, stage_event, recipient_current_stage, conversation, inbound_message, outbound_message');
  } finally {
    await client.end();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

async function inChunks(total: number, chunk: number, run: (from: number, to: number) => Promise<pg.QueryResult>): Promise<number> {
  let rows = 0;
  for (let from = 1; from <= total; from += chunk) rows += (await run(from, Math.min(total, from + chunk - 1))).rowCount ?? 0;
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      recipients: { type: 'string', default: '1000000' },
      'linked-share': { type: 'string', default: '0.3' },
      inbound: { type: 'string', default: '300000' },
      outbound: { type: 'string', default: '100000' },
    },
  });
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Set DATABASE_URL to the PostgreSQL database to fill.');
    process.exit(1);
  }
  const summary = await loadRecipients(url, {
    recipients: Number(values.recipients),
    linkedShare: Number(values['linked-share']),
    inboundMessages: Number(values.inbound),
    outboundMessages: Number(values.outbound),
    log: (line) => console.error(line),
  });
  console.log(JSON.stringify(summary, null, 2));
}
