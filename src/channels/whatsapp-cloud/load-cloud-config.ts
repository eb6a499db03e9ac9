import { z } from 'zod';
import type { RateLimitSettings } from '../../outbox/rate-limits.js';

/** An approved message template, sent instead of free-form content outside the 24-hour window. */
export interface CloudTemplate {
  name: string;
  /** The template's language code as approved ("id", "en_US"). */
  language: string;
}

/** Everything the WhatsApp Cloud API channel needs; secrets are never logged. */
export interface CloudConfig {
  /** A system-user access token with whatsapp_business_messaging permission. */
  token: string;
  /** The business phone number's id (not the phone number itself). */
  phoneNumberId: string;
  /** Signs every webhook post (X-Hub-Signature-256). */
  appSecret: string;
  /** Chosen by the operator and typed into the Meta app's webhook settings. */
  verifyToken: string;
  /** Graph API root including its version; tests point it at a loopback stand-in. */
  apiBase: string;
  template?: CloudTemplate;
  rateLimits: RateLimitSettings;
}

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

const schema = z.object({
  WHATSAPP_CLOUD_TOKEN: optional(z.string()),
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optional(z.string().regex(/^\d{5,32}$/, 'digits only: the phone number id from the Meta app, not the phone number')),
  WHATSAPP_CLOUD_APP_SECRET: optional(z.string().min(8)),
  WHATSAPP_CLOUD_VERIFY_TOKEN: optional(z.string().min(8, 'at least 8 characters')),
  WHATSAPP_CLOUD_API_BASE: z.preprocess(emptyAsUndefined, z.url().default('https://graph.facebook.com/v21.0')),
  WHATSAPP_CLOUD_TEMPLATE: optional(z.string().regex(/^[a-z0-9_]{1,512}$/, 'a template name: lowercase letters, digits and _')),
  WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: z.preprocess(emptyAsUndefined, z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a language code such as id or en_US').default('id')),
  // Meta's default is 80 messages/second per business number.
  WHATSAPP_CLOUD_GLOBAL_PER_SECOND: z.coerce.number().positive().max(1_000).default(80),
  WHATSAPP_CLOUD_PER_CHAT_PER_SECOND: z.coerce.number().positive().default(1),
  WHATSAPP_CLOUD_PER_CHAT_BURST: z.coerce.number().int().positive().default(3),
});

const REQUIRED_WHEN_ENABLED = ['WHATSAPP_CLOUD_PHONE_NUMBER_ID', 'WHATSAPP_CLOUD_APP_SECRET', 'WHATSAPP_CLOUD_VERIFY_TOKEN'] as const;

/**
 * Reads the Cloud API settings. Undefined when WHATSAPP_CLOUD_TOKEN is unset (the channel is
 * off); a token without the phone number id, app secret and verify token, or those without a
 * token, stops start-up with a message naming what is missing.
 *
 * @example
 * const cloud = loadCloudConfig(); // undefined, or a complete CloudConfig
 */
export function loadCloudConfig(env: NodeJS.ProcessEnv = process.env): CloudConfig | undefined {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const values = parsed.data;
  const token = values.WHATSAPP_CLOUD_TOKEN;
  if (token === undefined) {
    const stray = REQUIRED_WHEN_ENABLED.filter((key) => values[key] !== undefined);
    // Half a configuration is a mistake, not a way of turning the channel off.
    if (stray.length > 0) throw new Error(`Invalid configuration: WHATSAPP_CLOUD_TOKEN is required when ${stray.join(', ')} is set`);
    return undefined;
  }
  const missing = REQUIRED_WHEN_ENABLED.filter((key) => values[key] === undefined);
  if (missing.length > 0) throw new Error(`Invalid configuration: ${missing.join(', ')} required when WHATSAPP_CLOUD_TOKEN is set`);
  return {
    token,
    phoneNumberId: values.WHATSAPP_CLOUD_PHONE_NUMBER_ID!,
    appSecret: values.WHATSAPP_CLOUD_APP_SECRET!,
    verifyToken: values.WHATSAPP_CLOUD_VERIFY_TOKEN!,
    apiBase: values.WHATSAPP_CLOUD_API_BASE.replace(/\/+$/, ''),
    ...(values.WHATSAPP_CLOUD_TEMPLATE !== undefined && {
      template: { name: values.WHATSAPP_CLOUD_TEMPLATE, language: values.WHATSAPP_CLOUD_TEMPLATE_LANGUAGE },
    }),
    rateLimits: {
      globalPerSecond: values.WHATSAPP_CLOUD_GLOBAL_PER_SECOND,
      perChatPerSecond: values.WHATSAPP_CLOUD_PER_CHAT_PER_SECOND,
      perChatBurst: values.WHATSAPP_CLOUD_PER_CHAT_BURST,
    },
  };
}
