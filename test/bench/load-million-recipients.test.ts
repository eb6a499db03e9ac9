import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecipients, type LoadSummary } from '../../bench/support/load-million-recipients.js';
import { parseNik } from '../../src/domain/nik/parse-nik.js';
import { programFunnels } from '../../src/reporting/overview/program-funnel.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { createEmptyPostgresDatabase } from '../support/backends.js';

// The loader writes through a PostgreSQL URL (it is for the PostgreSQL benchmarks).
describe.skipIf(!process.env.TEST_DATABASE_URL)('bench loader of fictional KPM', () => {
  let scratch: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let db: Database;
  let summary: LoadSummary;
  beforeAll(async () => {
    scratch = await createEmptyPostgresDatabase();
    summary = await loadRecipients(scratch.url, { recipients: 3000, linkedShare: 0.3, inboundMessages: 500, outboundMessages: 200, chunk: 1000 });
    db = await openDatabase({ databaseUrl: scratch.url });
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('makes distinct, valid Banten NIKs with plausible rows', async () => {
    expect(summary).toMatchObject({ recipients: 3000, inboundMessages: 500, outboundMessages: 200 });
    const recipients = await db.prisma.recipient.findMany({ select: { nik: true, kkNumber: true, regency: true, fullName: true } });
    expect(new Set(recipients.map((r) => r.nik)).size).toBe(3000);
    const invalid = recipients.filter((r) => !parseNik(r.nik, new Date('2026-11-27T00:00:00Z')).ok);
    expect(invalid).toEqual([]);
    expect(recipients.every((r) => r.nik.startsWith('36') && r.kkNumber?.length === 16 && r.fullName.includes(' '))).toBe(true);
    expect(new Set(recipients.map((r) => r.regency)).size).toBe(8);
  });

  it('gives every KPM a stage timeline and about 30% of them a linked chat', async () => {
    expect(summary.stageEvents).toBeGreaterThan(3000);
    const funnels = await programFunnels(db);
    expect(funnels.reduce((sum, program) => sum + program.recipients, 0)).toBe(3000 + 750);
    expect(summary.conversations).toBe(900);
  });
});
