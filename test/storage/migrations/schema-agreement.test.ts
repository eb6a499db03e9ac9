import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { defaultSchemaPath, diffMigrationsToSchema } from '../../../src/storage/migrations/schema-diff.js';

const schema = await readFile(defaultSchemaPath, 'utf8');

describe('prisma/migrations and schema.prisma', () => {
  it('agree: replaying the committed migrations yields exactly schema.prisma', async () => {
    const diff = await diffMigrationsToSchema();
    // On failure the message is the SQL to put in a new migration (npm run db:migration -- <name>).
    expect(diff).toBe('');
  });

  it('disagree when schema.prisma gains a field the migrations lack (the check can fail)', async () => {
    const modified = schema.replace(/(model Lease \{\n)/, '$1  probeNote String? @map("probe_note")\n');
    expect(modified).not.toBe(schema);

    const diff = await diffMigrationsToSchema({ schema: modified });

    expect(diff).toContain('ALTER TABLE "lease" ADD COLUMN');
    expect(diff).toContain('"probe_note" TEXT');
  });
});
