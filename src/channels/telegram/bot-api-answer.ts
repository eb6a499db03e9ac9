import { z } from 'zod';

/**
 * A Bot API answer to a send method, checked: `{ ok: true, result: Message }` or
 * `{ ok: false, error_code, description?, parameters? }`. Only the fields the adapter reads
 * are checked; a message without a usable `message_id` is still a success (Telegram said ok).
 */
const success = z.object({
  ok: z.literal(true),
  result: z.object({ message_id: z.int() }).optional().catch(undefined),
});

const failure = z.object({
  ok: z.literal(false),
  error_code: z.int(),
  description: z.string().optional().catch(undefined),
  parameters: z.object({ retry_after: z.number().nonnegative().optional().catch(undefined) }).optional().catch(undefined),
});

export const botApiAnswer = z.discriminatedUnion('ok', [success, failure]);

export type BotApiAnswer = z.infer<typeof botApiAnswer>;
export type BotApiFailure = z.infer<typeof failure>;
