import { z } from 'zod';

const text = (max: number) => z.string().trim().min(3).max(max);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const ids = z.preprocess((value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]), z.array(z.coerce.number().int().positive().max(2_147_483_647)).min(1).max(50));

/** A new session as the form posts it: date and time are the groups' local wall clock. */
export const newSessionSchema = z.object({ title: text(200), place: text(300), date, time, groupIds: ids });

export const rescheduleSchema = z.object({ date, time });

/** Attendance marks: the invitations listed on the page, and those ticked present. */
export const attendanceSchema = z.object({
  shown: ids,
  present: z.preprocess((value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]), z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(5_000)),
});
