import type { Prisma } from '../../storage/generated/client.js';
import type { RecipientRow } from '../rows/recipient-row.js';

/**
 * Inserts many KPM in one statement of seven array parameters. Column names follow
 * prisma/schema.prisma; updated_at has no database default (Prisma sets it), so it is set here.
 */
export async function insertRecipients(tx: Prisma.TransactionClient, rows: RecipientRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const column = <K extends keyof RecipientRow>(key: K) => rows.map((row) => row[key]);
  return tx.$executeRaw`
    INSERT INTO recipient (nik, full_name, kk_number, phone, regency, district, village, updated_at)
    SELECT u.*, now()
      FROM unnest(${column('nik')}::text[], ${column('fullName')}::text[], ${column('kkNumber')}::text[],
                  ${column('phone')}::text[], ${column('regency')}::text[], ${column('district')}::text[],
                  ${column('village')}::text[])
           AS u(nik, full_name, kk_number, phone, regency, district, village)`;
}
