import { Prisma } from '../storage/generated/client.js';

/**
 * What is left of a message body once its text is dropped: only the kind of content (and, for a
 * photo, the store's random reference, so the file can still be found). Delivery, ordering and
 * the Cloud API's 24-hour window use the row's other columns, which stay.
 *
 * SQL expressions over the row's own `payload`, for UPDATE ... SET payload = <expression>.
 */
export const redactedInboundPayload = Prisma.sql`jsonb_build_object('content', jsonb_strip_nulls(jsonb_build_object(
  'kind', payload->'content'->'kind', 'mediaRef', payload->'content'->'mediaRef')))`;

/** An outgoing message keeps its kind (text, image, ...) only. */
export const redactedOutboundPayload = Prisma.sql`jsonb_build_object('kind', payload->'kind')`;

/** Outbound states after which the body is never needed again (nothing more will be sent). */
export const FINAL_OUTBOUND_STATUSES = ['sent', 'failed', 'blocked'] as const;
