import { z } from 'zod';
import { isPlatformId } from '../clean-text.js';

/**
 * The parts of a Cloud API webhook post this adapter reads. Meta adds fields over time, so
 * unknown fields are ignored; each message and status is parsed on its own, so one odd item
 * never costs the rest of a batch. Every field read has its type checked; ids must be usable
 * platform ids (no control characters, bounded length); text is cleaned later, in one place.
 */

const platformId = z.string().refine(isPlatformId);
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const webhookEnvelope = z.object({
  object: z.string().optional(),
  entry: z.array(
    z.object({
      changes: z.array(z.object({ field: z.string().optional(), value: z.unknown() })).default([]),
    }),
  ),
});

export const changeValue = z.object({
  metadata: z.object({ phone_number_id: z.string().optional() }).optional(),
  messages: z.array(z.unknown()).default([]),
  statuses: z.array(z.unknown()).default([]),
});

const reply = z.object({ id: z.string().min(1), title: z.string().optional() });

export const webhookMessage = z.object({
  id: platformId,
  /** The sender's wa_id (phone number, digits only); absent for people who hide it behind a username. */
  from: platformId.optional(),
  /** The business-scoped user id Meta adds for every sender. */
  from_user_id: platformId.optional(),
  /** Unix seconds, as a string. */
  timestamp: z.string().optional().catch(undefined),
  type: z.string().min(1),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({ type: z.string(), button_reply: reply.optional(), list_reply: reply.optional() })
    .optional(),
  /** A quick-reply button of a template message. */
  button: z.object({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  image: z.object({ id: platformId, mime_type: z.string().optional(), caption: z.string().optional() }).optional(),
  location: z
    .object({ latitude, longitude, name: z.string().optional(), address: z.string().optional() })
    .optional(),
});

export const webhookStatus = z.object({
  /** The wamid our send got back. */
  id: platformId,
  status: z.string(),
  errors: z
    .array(z.object({ code: z.number().optional(), title: z.string().optional(), message: z.string().optional() }))
    .optional(),
});

export type WebhookMessage = z.infer<typeof webhookMessage>;
export type WebhookStatus = z.infer<typeof webhookStatus>;
