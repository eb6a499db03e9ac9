import { makeWASocket } from '@whiskeysockets/baileys';
import type { MakeSocket } from './baileys-socket.js';

/** The real Baileys socket, seen through the channel's narrow socket type. */
export const defaultMakeSocket: MakeSocket = (options) => makeWASocket(options);
