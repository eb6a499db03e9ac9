import type { CloudConfig } from '../../../src/channels/whatsapp-cloud/load-cloud-config.js';
import type { GraphMessage } from '../../support/graph-api-stand-in.js';
import type { PlatformMessage } from '../channel-contract.js';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN } from './fake-payloads.js';

/** A complete Cloud API configuration pointing at a stand-in. */
export function cloudConfig(apiBase: string, overrides: Partial<CloudConfig> = {}): CloudConfig {
  return {
    token: 'test-token',
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    apiBase,
    rateLimits: { globalPerSecond: 1000, perChatPerSecond: 100, perChatBurst: 100 },
    ...overrides,
  };
}

/** What a person sees of a message the stand-in accepted. */
export function asPlatformMessage(message: GraphMessage): PlatformMessage {
  return {
    ...(message.text !== undefined && { text: message.text }),
    ...(message.buttons && { buttons: message.buttons }),
    ...(message.type === 'image' && { image: true as const }),
    externalId: message.id,
  };
}
