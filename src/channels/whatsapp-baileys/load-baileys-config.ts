import { z } from 'zod';
import type { RateLimitSettings } from '../../outbox/rate-limits.js';

/** WhatsApp over Baileys, when switched on. */
export interface EnabledBaileysConfig {
  enabled: true;
  /** Digits in international form (62…). Set: pair with a code typed on the phone instead of a QR. */
  pairingPhone?: string;
  /** 32 bytes; encrypts the session credentials kept in the database. Never logged. */
  credentialsKey: Buffer;
  /** Outbox pacing for this channel: slow, because bursts get numbers banned. */
  pacing: RateLimitSettings;
  /** Level for Baileys' own logger. Its records carry JIDs, so the default is silent. */
  libraryLogLevel: string;
}

export type BaileysConfig = { enabled: false } | EnabledBaileysConfig;

const KEY_HELP =
  'WHATSAPP_CREDENTIALS_KEY must be 32 random bytes written as 64 hex characters or as base64 ' +
  '(generate one with: openssl rand -hex 32); it encrypts the WhatsApp session stored in the database';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const schema = z.object({
  WHATSAPP_BAILEYS: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default('false')
      .transform((value) => value === 'true' || value === '1' || value === 'yes'),
  ),
  WHATSAPP_PAIRING_PHONE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\+?[0-9 ()-]+$/, 'digits only, e.g. 6281234567890')
      .transform(toInternational)
      .refine((digits) => digits.length >= 10 && digits.length <= 15, 'must have 10 to 15 digits with the country code, e.g. 6281234567890')
      .optional(),
  ),
  WHATSAPP_CREDENTIALS_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  WHATSAPP_PER_CHAT_PER_SECOND: z.coerce.number().positive().default(0.5),
  WHATSAPP_PER_CHAT_BURST: z.coerce.number().int().positive().default(2),
  WHATSAPP_GLOBAL_PER_SECOND: z.coerce.number().positive().default(5),
  WHATSAPP_BAILEYS_LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('silent'),
  ),
});

/**
 * Reads the Baileys settings from the environment. Kept apart from `loadConfig` so the channel
 * owns its variables. A bad value stops start-up with a message naming the variable (never the
 * key's value).
 *
 * @example
 * const baileys = loadBaileysConfig();
 * if (baileys.enabled) createBaileysChannel({ db, config: baileys, logger, mediaStore });
 */
export function loadBaileysConfig(env: NodeJS.ProcessEnv = process.env): BaileysConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const values = parsed.data;
  if (!values.WHATSAPP_BAILEYS) return { enabled: false };
  if (values.WHATSAPP_CREDENTIALS_KEY === undefined) {
    throw new Error(`Invalid configuration: WHATSAPP_CREDENTIALS_KEY is required when WHATSAPP_BAILEYS=true. ${KEY_HELP}`);
  }
  const credentialsKey = parseCredentialsKey(values.WHATSAPP_CREDENTIALS_KEY);
  if (!credentialsKey) throw new Error(`Invalid configuration: WHATSAPP_CREDENTIALS_KEY is not a valid key. ${KEY_HELP}`);
  return {
    enabled: true,
    ...(values.WHATSAPP_PAIRING_PHONE !== undefined && { pairingPhone: values.WHATSAPP_PAIRING_PHONE }),
    credentialsKey,
    pacing: {
      perChatPerSecond: values.WHATSAPP_PER_CHAT_PER_SECOND,
      perChatBurst: values.WHATSAPP_PER_CHAT_BURST,
      globalPerSecond: values.WHATSAPP_GLOBAL_PER_SECOND,
    },
    libraryLogLevel: values.WHATSAPP_BAILEYS_LOG_LEVEL,
  };
}

/** 64 hex characters, or base64 (standard or URL-safe) of exactly 32 bytes; undefined otherwise. */
export function parseCredentialsKey(value: string): Buffer | undefined {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return undefined;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

/** 0812… (national) becomes 62812…; separators go. */
function toInternational(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
}
