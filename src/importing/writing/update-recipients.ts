import type { Prisma } from '../../storage/generated/client.js';
import type { RecipientRow } from '../rows/recipient-row.js';

export type RecipientChange = Omit<RecipientRow, 'nik'> & { id: number };

/**
 * Updates many KPM in one statement of array parameters: row-by-row updates ran at about
 * 600 rows/s on PGlite, too slow for a 100,000-row correction file. Column names follow
 * prisma/schema.prisma; updated_at is Prisma's job normally, so it is set here.
 */
export async function updateRecipients(tx: Prisma.TransactionClient, changes: RecipientChange[]): Promise<void> {
  if (changes.length === 0) return;
  const column = <K extends keyof RecipientChange>(key: K) => changes.map((change) => change[key]);
  await tx.$executeRaw`
    UPDATE recipient AS r
       SET full_name = u.full_name, kk_number = u.kk_number, phone = u.phone,
           regency = u.regency, district = u.district, village = u.village, updated_at = now()
      FROM unnest(${column('id')}::int[], ${column('fullName')}::text[], ${column('kkNumber')}::text[],
                  ${column('phone')}::text[], ${column('regency')}::text[], ${column('district')}::text[],
                  ${column('village')}::text[])
           AS u(id, full_name, kk_number, phone, regency, district, village)
     WHERE r.id = u.id`;
}
