import { createActor, toPromise, type AnyActorLogic, type InputFrom, type OutputFrom } from 'xstate';
import type { ChannelName } from '../../src/channels/channel-port.js';
import { importContacts } from '../../src/importing/import-contacts.js';
import { importRecipients } from '../../src/importing/import-recipients.js';
import { defaultAttemptLimits } from '../../src/kpm-effects/attempt-limits.js';
import { createKpmEffects } from '../../src/kpm-effects/create-kpm-effects.js';
import type { Database } from '../../src/storage/database.js';
import { csv, kk, nik, NOW, RECIPIENT_HEADER, recipientRow } from '../importing/fixtures.js';

/** Two KPM: Siti (Kota Serang, phone +6281200000001) and Budi (Kabupaten Lebak). */
export const SITI = { nik: nik(1, 'female'), kk: kk(1), name: 'Warga Contoh 1', phone: '+6281200000001' };
export const BUDI = { nik: nik(2), kk: kk(2), name: 'Warga Contoh 2' };

export async function seedKpm(db: Pick<Database, 'prisma'>, options: { contacts?: boolean } = {}): Promise<void> {
  await importRecipients(
    db,
    csv(
      RECIPIENT_HEADER,
      recipientRow(1, { nik: SITI.nik, telepon: '0812-0000-0001' }),
      recipientRow(2, { kabupaten_kota: 'Kabupaten Lebak', kecamatan: 'Rangkasbitung', desa: 'Lebakfiktif', telepon: '' }),
    ),
    { now: NOW },
  );
  if (options.contacts === false) return;
  await importContacts(
    db,
    csv(
      ['wilayah', 'nama', 'telepon', 'whatsapp', 'alamat'],
      ['provinsi', 'Dinas Sosial Provinsi Banten', '0254-000-0000', '0811-0000-9000', 'Jl. Contoh Raya No. 1'],
      ['KOTA SERANG', 'Dinas Sosial Kota Serang', '(0254) 000-001', '', 'Jl. Contoh No. 2'],
    ),
  );
}

/**
 * The KPM effects on a real database, each call in its own transaction like an engine turn,
 * with a clock the test moves.
 */
export function effectsOn(db: Pick<Database, 'prisma'>, start = new Date('2026-11-27T01:00:00Z')) {
  let now = start;
  const config = { nikHashSecret: 'test-secret', limits: defaultAttemptLimits, now: () => now };

  async function run<Name extends keyof ReturnType<typeof createKpmEffects>>(
    name: Name,
    input: InputFrom<ReturnType<typeof createKpmEffects>[Name]>,
    sender?: { phone: string },
  ): Promise<OutputFrom<ReturnType<typeof createKpmEffects>[Name]>> {
    const { channel, chatId } = input as { channel: ChannelName; chatId: string };
    return db.prisma.$transaction(async (tx) => {
      const effects = createKpmEffects(config, {
        tx,
        message: { channel, chatId, externalId: 'x', content: { kind: 'text', text: '' }, ...(sender ? { sender } : {}) },
        emit: () => undefined,
        forgetSender: () => undefined,
      });
      const logic = effects[name] as AnyActorLogic;
      return toPromise(createActor(logic, { input }).start());
    });
  }

  return {
    run,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    now: () => now,
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
