import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { importContacts } from '../importing/import-contacts.js';
import { importPrograms } from '../importing/import-programs.js';
import { importRecipients } from '../importing/import-recipients.js';
import { importStages } from '../importing/import-stages.js';
import type { ValidationReport } from '../importing/validation-report.js';
import type { Database } from '../storage/database.js';
import { BANTEN_MINIMUM_WAGES } from './banten-minimum-wages.js';

/** Held while seeding, so two processes starting on an empty database seed it once. */
const SEED_LOCK_KEY = 736_210_002;
const SEED_TIMEOUT_MS = 120_000;

export const DEMO_SEED_DIR = fileURLToPath(new URL('../../prisma/seed/', import.meta.url));

/** Small on purpose: callers log it. Counts are rows created from each demo file. */
export type SeedResult =
  | { seeded: false }
  | { seeded: true; programStages: number; recipients: number; stageEvents: number; contacts: number };

/**
 * Loads the fictional demo programs, KPM, stage events and contacts (and Banten's real UMK figures) from prisma/seed/*.csv with the same
 * importers operators use, but only into a database that has no programs yet: a deployment
 * whose programs were imported is never touched. One transaction under an advisory lock, so
 * two processes starting at once seed exactly once. A refused demo row is a bug in the demo
 * files: it throws and nothing is seeded.
 */
export async function seedDemoData(db: Pick<Database, 'prisma'>, dir: string = DEMO_SEED_DIR): Promise<SeedResult> {
  const read = (name: string) => readFile(`${dir}/${name}`, 'utf8');
  const programs = await read('programs.csv');
  const recipients = await read('demo-recipients.csv');
  const stages = await read('demo-stages.csv');
  const contacts = await read('contacts.csv');
  return db.prisma.$transaction(
    async (tx): Promise<SeedResult> => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      if ((await tx.program.count()) > 0) return { seeded: false };
      const options = { transaction: tx };
      const programReport = accepted(await importPrograms(db, programs, options), 'programs.csv');
      const recipientReport = accepted(await importRecipients(db, recipients, options), 'demo-recipients.csv');
      const stageReport = accepted(await importStages(db, stages, options), 'demo-stages.csv');
      const contactReport = accepted(await importContacts(db, contacts, options), 'contacts.csv');
      // Banten's UMK 2024–2026 (see banten-minimum-wages.ts for the decrees); figures operators
      // entered already are kept.
      await tx.minimumWage.createMany({ data: [...BANTEN_MINIMUM_WAGES], skipDuplicates: true });
      return {
        seeded: true,
        programStages: programReport.created,
        recipients: recipientReport.created,
        stageEvents: stageReport.created,
        contacts: contactReport.created,
      };
    },
    { timeout: SEED_TIMEOUT_MS, maxWait: SEED_TIMEOUT_MS },
  );
}

function accepted(report: ValidationReport, file: string): ValidationReport {
  const [first] = report.rejected;
  if (first) {
    const count = report.rejected.length;
    throw new Error(`Demo file ${file} has ${count} refused row(s), first at line ${first.line} (${first.reasons[0]?.code})`);
  }
  return report;
}
