import { randomBytes } from 'node:crypto';
import type { Database } from './database.js';

/**
 * A secret generated once per installation and kept in the database, for deployments that do
 * not configure one (the embedded demo). Safe when two processes start at once: the first
 * insert wins and both read it back.
 */
export async function installationSecret(db: Database, key: string): Promise<string> {
  await db.prisma.channelState.createMany({
    data: [{ channel: 'app', key, value: randomBytes(32).toString('hex') }],
    skipDuplicates: true,
  });
  const row = await db.prisma.channelState.findUniqueOrThrow({ where: { channel_key: { channel: 'app', key } } });
  return row.value;
}
