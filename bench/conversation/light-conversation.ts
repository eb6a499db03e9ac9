import type { ConversationStep } from './bench-conversation.js';

/**
 * The light path the stateless peer is compared on: three messages any bot answers without
 * looking anything up. Each gets one reply from the peer; the project stores each message, its
 * turn and its reply durably on the way.
 */
export const LIGHT_CYCLE: readonly ConversationStep[] = [
  { label: '"/start" → menu', text: '/start' },
  { label: '"menu" → menu', text: 'menu' },
  { label: '"bantuan" → FAQ', text: 'bantuan' },
];
