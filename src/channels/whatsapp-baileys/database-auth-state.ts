import { BufferJSON, initAuthCreds, proto, type AuthenticationCreds, type AuthenticationState, type SignalDataSet, type SignalDataTypeMap } from '@whiskeysockets/baileys';
import type { Database } from '../../storage/database.js';
import { decryptSecret, encryptSecret, SecretFormatError } from '../../storage/encrypt-secret.js';

/** The `channel_state.channel` of every row this store writes. */
export const WHATSAPP_STATE_CHANNEL = 'whatsapp';
const CREDS_KEY = 'creds';
const keyRow = (type: string, id: string) => `key:${type}:${id}`;

export interface DatabaseAuthState {
  /** Hand to Baileys as `auth` (keys wrapped in its cache). Baileys mutates `creds` in place. */
  state: AuthenticationState;
  /** Writes the current `state.creds`; call on every `creds.update`. */
  saveCreds(): Promise<void>;
  /** Deletes the stored session (after a logout) and ignores later writes of this state. */
  clear(): Promise<void>;
  /** True when the credentials came from the database (a paired session), not fresh. */
  readonly restored: boolean;
}

/**
 * A Baileys auth state kept in `channel_state` rows instead of files (the library's
 * `useMultiFileAuthState` is meant for experiments): `creds` and one `key:<type>:<id>` row per
 * signal key, each serialised with BufferJSON and encrypted with AES-256-GCM under `secretKey`,
 * the row name bound in as context. Writes are serialised so an older snapshot of the creds
 * never lands after a newer one.
 */
export async function loadDatabaseAuthState(db: Database, secretKey: Buffer): Promise<DatabaseAuthState> {
  const prisma = db.prisma;
  let cleared = false;
  let writes: Promise<unknown> = Promise.resolve();

  const seal = (row: string, value: unknown) => encryptSecret(JSON.stringify(value, BufferJSON.replacer), secretKey, rowContext(row));
  const open = (row: string, sealed: string): unknown => {
    try {
      return JSON.parse(decryptSecret(sealed, secretKey, rowContext(row)), BufferJSON.reviver);
    } catch (error) {
      if (error instanceof SecretFormatError) throw new StoredSessionUnreadableError();
      throw error;
    }
  };

  /** Runs writes one after another; a failure is reported to its caller but does not stop later writes. */
  function serialised<T>(write: () => Promise<T>): Promise<T> {
    const next = writes.then(write);
    writes = next.catch(() => undefined);
    return next;
  }

  const stored = await prisma.channelState.findUnique({ where: { channel_key: { channel: WHATSAPP_STATE_CHANNEL, key: CREDS_KEY } } });
  const creds = stored ? (open(CREDS_KEY, stored.value) as AuthenticationCreds) : initAuthCreds();

  const keys: AuthenticationState['keys'] = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const result: { [id: string]: SignalDataTypeMap[T] } = {};
      if (ids.length === 0) return result;
      const rows = await prisma.channelState.findMany({
        where: { channel: WHATSAPP_STATE_CHANNEL, key: { in: ids.map((id) => keyRow(type, id)) } },
      });
      const byKey = new Map(rows.map((row) => [row.key, row.value]));
      for (const id of ids) {
        const sealed = byKey.get(keyRow(type, id));
        if (sealed === undefined) continue;
        const value = open(keyRow(type, id), sealed);
        // Baileys reads this type as a protobuf object, not plain JSON.
        result[id] = (type === 'app-state-sync-key' ? proto.Message.AppStateSyncKeyData.fromObject(value as object) : value) as SignalDataTypeMap[T];
      }
      return result;
    },

    set(data: SignalDataSet) {
      const upserts: Array<{ key: string; value: string }> = [];
      const deletes: string[] = [];
      for (const [type, entries] of Object.entries(data)) {
        for (const [id, value] of Object.entries(entries ?? {})) {
          const row = keyRow(type, id);
          if (value === null || value === undefined) deletes.push(row);
          else upserts.push({ key: row, value: seal(row, value) });
        }
      }
      return serialised(async () => {
        if (cleared || (upserts.length === 0 && deletes.length === 0)) return;
        // One transaction: a crash never leaves half of a key rotation behind.
        await prisma.$transaction([
          prisma.channelState.deleteMany({ where: { channel: WHATSAPP_STATE_CHANNEL, key: { in: deletes } } }),
          prisma.$executeRaw`
            INSERT INTO channel_state (channel, key, value, updated_at)
            SELECT ${WHATSAPP_STATE_CHANNEL}, k, v, now()
            FROM unnest(${upserts.map((u) => u.key)}::text[], ${upserts.map((u) => u.value)}::text[]) AS t(k, v)
            ON CONFLICT (channel, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        ]);
      });
    },

    clear() {
      return serialised(async () => {
        await prisma.channelState.deleteMany({ where: { channel: WHATSAPP_STATE_CHANNEL, key: { startsWith: 'key:' } } });
      });
    },
  };

  return {
    state: { creds, keys },
    restored: stored !== null,
    saveCreds() {
      return serialised(async () => {
        if (cleared) return;
        const value = seal(CREDS_KEY, creds);
        await prisma.channelState.upsert({
          where: { channel_key: { channel: WHATSAPP_STATE_CHANNEL, key: CREDS_KEY } },
          create: { channel: WHATSAPP_STATE_CHANNEL, key: CREDS_KEY, value },
          update: { value },
        });
      });
    },
    clear() {
      cleared = true;
      return serialised(async () => {
        await prisma.channelState.deleteMany({ where: { channel: WHATSAPP_STATE_CHANNEL } });
      });
    },
  };
}

function rowContext(row: string): string {
  return `channel_state/${WHATSAPP_STATE_CHANNEL}/${row}`;
}

/** The stored session exists but does not open with WHATSAPP_CREDENTIALS_KEY. */
export class StoredSessionUnreadableError extends Error {
  override readonly name = 'StoredSessionUnreadableError';
  constructor() {
    super(
      'The stored WhatsApp session cannot be decrypted with WHATSAPP_CREDENTIALS_KEY (was the key changed?). ' +
        "Restore the previous key, or delete the session (DELETE FROM channel_state WHERE channel = 'whatsapp') and pair the number again.",
    );
  }
}
