import { PGlite } from '@electric-sql/pglite';
async function main() {
  const db = await PGlite.create('memory://');
  const r = await db.query<Record<string, unknown>>(`SELECT a, b, pos, (9007199254740993)::bigint AS big, now() AS t, '{"x":1}'::jsonb AS j, $3::timestamptz AS ts FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(a, b, pos)`, [['q"uo\\te', 'x,{y}', null, 'ünï €'], ['1', '2', '3', '4'], new Date('2026-01-01T00:00:00Z').toISOString()]);
  console.log(r.rows);
  const r2 = await db.query<Record<string, unknown>>(`SELECT x FROM unnest($1::bigint[]) x`, [['1', '9007199254740993']]);
  console.log(r2.rows);
}
main();
