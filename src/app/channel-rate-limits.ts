import type { BaileysConfig } from '../channels/whatsapp-baileys/load-baileys-config.js';
import type { CloudConfig } from '../channels/whatsapp-cloud/load-cloud-config.js';
import type { RateLimitSettings } from '../outbox/rate-limits.js';

/** A terminal has no platform limits to respect. */
const CONSOLE_PACING: RateLimitSettings = { perChatPerSecond: 100, perChatBurst: 100, globalPerSecond: 1_000 };

/**
 * Outbox pacing for the channels that bring their own: the Cloud API's limits, Baileys' slow,
 * human-like pacing (bursts get unofficial numbers banned), none to speak of for the terminal.
 * Any other channel gets undefined, so createRuntime falls back to the OUTBOX_* defaults. The
 * pacing is per channel, whatever the lane: replies, reminders and broadcasts share it.
 *
 * @example
 * createRuntime({ ..., rateLimits: channelRateLimits({ cloud: loadCloudConfig(), baileys: loadBaileysConfig() }) });
 */
export function channelRateLimits(settings: { cloud?: Pick<CloudConfig, 'rateLimits'> | undefined; baileys: BaileysConfig }): (channel: string) => RateLimitSettings | undefined {
  const limits = new Map<string, RateLimitSettings>([['console', CONSOLE_PACING]]);
  if (settings.cloud) limits.set('whatsapp-cloud', settings.cloud.rateLimits);
  if (settings.baileys.enabled) limits.set('whatsapp', settings.baileys.pacing);
  return (channel) => limits.get(channel);
}
