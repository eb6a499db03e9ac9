/**
 * Names for Prisma's statements on PostgreSQL, so the driver prepares each text once per
 * connection and the server stops parsing and planning it on every call (the batch's big
 * statements cost more to plan than to run). One name per distinct text, for at most `max`
 * texts per process: ad-hoc texts beyond that run unnamed, so a long-lived process cannot fill
 * its connections with prepared statements. Transaction control is never prepared.
 */
export function boundedStatementNames(max = 500): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < max && !TRANSACTION_CONTROL.test(sql)) {
      name = `prisma_${names.size}`;
      names.set(sql, name);
    }
    // pg runs a query without a name as an unnamed statement, as Prisma does by default.
    return name as string;
  };
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|START|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET\s+TRANSACTION)\b/i;
