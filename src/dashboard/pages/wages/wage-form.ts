import { z } from 'zod';
import { parseWageSen } from '../../../wages/wage-amount.js';

/** The UMK form, validated at the door: a known-looking regency name, a plausible year, an amount in rupiah (sen allowed). */
export const wageFormSchema = z.object({
  regency: z.string().trim().min(3).max(100),
  year: z.coerce.number().int().min(2000).max(2100),
  amount: z.string().trim().max(40).transform((raw, ctx) => {
    const sen = parseWageSen(raw);
    if (sen === undefined) {
      ctx.addIssue({ code: 'custom', message: 'amount' });
      return z.NEVER;
    }
    return sen;
  }),
  source: z.string().trim().max(200).transform((value) => (value === '' ? null : value)),
});
