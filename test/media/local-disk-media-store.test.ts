import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalDiskMediaStore } from '../../src/media/local-disk-media-store.js';
import type { MediaStore } from '../../src/media/media-store.js';

describe('local disk media store', () => {
  let base: string;
  let dir: string;
  let store: MediaStore;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'kpm-media-'));
    dir = join(base, 'media');
    store = createLocalDiskMediaStore(dir);
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('keeps bytes and type and gives them back by reference', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const ref = await store.put(bytes, { mimeType: 'image/jpeg', channel: 'whatsapp' });
    expect(await store.get(ref)).toEqual({ bytes, mimeType: 'image/jpeg' });
    const untyped = await store.put(Buffer.from('x'), { channel: 'whatsapp' });
    expect(await store.get(untyped)).toEqual({ bytes: Buffer.from('x') });
  });

  it('names files at random: no personal data, no two alike', async () => {
    const first = await store.put(Buffer.from('a'), { mimeType: 'image/jpeg', channel: 'whatsapp' });
    const second = await store.put(Buffer.from('a'), { mimeType: 'image/jpeg', channel: 'whatsapp' });
    expect(first).not.toBe(second);
    expect(first).toMatch(/^local:[0-9a-f]{32}$/);
    const files = await readdir(dir);
    expect(files.sort()).toEqual([first, second].flatMap((ref) => [ref.slice(6), `${ref.slice(6)}.json`]).sort());
  });

  it('answers null for an unknown reference or another store’s reference', async () => {
    expect(await store.get(`local:${'0'.repeat(32)}`)).toBeNull();
    expect(await store.get('telegram:file:AgACAgQ')).toBeNull();
    expect(await store.get('media:does-not-exist')).toBeNull();
  });

  it('refuses references that try to leave the directory', async () => {
    await writeFile(join(base, 'secret'), 'do not read');
    for (const ref of ['local:../secret', 'local:..%2fsecret', `local:${'a'.repeat(32)}/../../secret`, 'local:/etc/passwd', 'local:']) {
      await expect(store.get(ref)).rejects.toThrow(/invalid media reference/);
    }
    expect(await readFile(join(base, 'secret'), 'utf8')).toBe('do not read');
  });
});
