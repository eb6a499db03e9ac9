import { z } from 'zod';

export const PROKUS_MODELS = ['pembibitan', 'mentoring', 'inkubasi'] as const;

const optionalText = z.string().trim().max(100).transform((value) => (value === '' ? null : value));

/** A group as typed in the form; bad input becomes a message, never an error page. */
export const groupFormSchema = z.object({
  name: z.string().trim().min(1).max(100),
  programCode: z.string().trim().min(1).max(40),
  prokusModel: z.union([z.enum(PROKUS_MODELS), z.literal('').transform(() => null)]),
  regency: z.string().trim().min(1).max(100),
  district: optionalText,
  village: optionalText,
});

export type GroupForm = z.output<typeof groupFormSchema>;
