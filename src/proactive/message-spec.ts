import { z } from 'zod';
import type { ReplySpec } from '../../flows/kpm-assistant/contract.js';

/**
 * What a proactive message says, rendered per KPM in their chat's language at enqueue time.
 * - `text`: typed by staff (a broadcast), sent as written in every language.
 * - `reply`: a flow-style ReplySpec (locale keys + params + numbered choices), e.g. a session
 *   reminder with *Hadir* / *Tidak bisa hadir* choices. Keys live in locales/{id,en}.
 * `template`: the approved WhatsApp Cloud template sent instead when the 24-hour window is
 * closed (its body parameters in order); without one such a send is skipped with the reason.
 */
export type MessageSpec =
  | { kind: 'text'; text: string; template?: TemplateSpec }
  | { kind: 'reply'; reply: ReplySpec; template?: TemplateSpec };

export interface TemplateSpec {
  name: string;
  /** The template's approved language code; default: the chat's language ("id", "en"). */
  language?: string;
  params?: string[];
}

const templateSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/),
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/).optional(),
  params: z.array(z.string().max(1024)).max(20).optional(),
});

const paramValue = z.union([z.string(), z.number(), z.object({ id: z.string(), en: z.string() }), z.null()]);
const lineSchema = z.object({ key: z.string().min(1), params: z.record(z.string(), paramValue).optional() });

export const messageSpecSchema: z.ZodType<MessageSpec> = z.union([
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1).max(4000), template: templateSchema.optional() }),
  z.object({
    kind: z.literal('reply'),
    reply: z.object({
      lines: z.array(lineSchema).min(1),
      choices: z.array(z.object({ id: z.string().min(1), key: z.string().min(1), params: z.record(z.string(), paramValue).optional() })).optional(),
    }),
    template: templateSchema.optional(),
  }),
]) as z.ZodType<MessageSpec>;

/**
 * The words a sender typed, for lists and detail pages: a `text` message as written; a `reply`
 * carrying typed text in a line's `text` parameter (a facilitator's chat announcement) that text.
 */
export function typedText(message: MessageSpec): string {
  if (message.kind === 'text') return message.text;
  for (const line of message.reply.lines) {
    const text = line.params?.text;
    if (typeof text === 'string') return text;
  }
  return '';
}
