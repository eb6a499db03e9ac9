import { z } from 'zod';
import { isPlatformId } from '../clean-text.js';

/**
 * The parts of a Bot API update the adapter reads, each with its type checked. Fields the
 * adapter does not read are neither checked nor kept, so Telegram may add fields freely; a
 * field it reads with the wrong type makes the update unreadable (dropped, never stored).
 */

const chat = z.object({ id: z.int(), type: z.string() });

/** Only the pressed button's label is read from the keyboard: an odd keyboard just loses the label. */
const replyMarkup = z
  .object({ inline_keyboard: z.array(z.array(z.object({ text: z.string(), callback_data: z.string().optional() }))) })
  .optional()
  .catch(undefined);

export const telegramMessage = z.looseObject({
  chat,
  /** Unix seconds; an odd value only loses the receipt time. */
  date: z.int().min(0).max(2 ** 32).optional().catch(undefined),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.object({ file_id: z.string().refine(isPlatformId) })).optional(),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  venue: z.object({ title: z.string() }).optional(),
});

export const telegramCallbackQuery = z.object({
  id: z.string().refine(isPlatformId),
  data: z.string().optional(),
  /** Absent for buttons on inline-mode messages. */
  message: z.object({ chat, reply_markup: replyMarkup }).optional(),
});

export type TelegramMessage = z.infer<typeof telegramMessage>;
export type TelegramCallbackQuery = z.infer<typeof telegramCallbackQuery>;
