import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute } from 'node:path';
import type { MediaStore } from './media-store.js';

/** References this store issues: `local:` and 32 random hex digits, nothing about the sender. */
const REF_PREFIX = 'local:';
const ID_PATTERN = /^[0-9a-f]{32}$/;

interface StoredMeta {
  mimeType?: string;
  channel: string;
}

/**
 * A MediaStore on the local disk: each item is a file with a random name plus a small JSON
 * sidecar for its type. A reference that is not exactly one of ours is refused, so no reference
 * can reach a path outside `dir`.
 *
 * @example
 * const media = createLocalDiskMediaStore(`${config.DATA_DIR}/media`);
 */
export function createLocalDiskMediaStore(dir: string): MediaStore {
  const root = resolve(dir);
  let ready: Promise<unknown> | undefined;

  function pathOf(id: string, suffix = ''): string {
    const path = join(root, `${id}${suffix}`);
    // Belt and braces: the id pattern already rules out separators and dots.
    const inside = relative(root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) throw new Error('media reference escapes the media directory');
    return path;
  }

  return {
    async put(bytes, meta) {
      ready ??= mkdir(root, { recursive: true, mode: 0o700 });
      await ready;
      const id = randomBytes(16).toString('hex');
      const stored: StoredMeta = { channel: meta.channel, ...(meta.mimeType !== undefined && { mimeType: meta.mimeType }) };
      // Write under a temporary name first, so a reader never sees half a file.
      const partial = pathOf(id, '.partial');
      await writeFile(partial, bytes, { flag: 'wx', mode: 0o600 });
      await writeFile(pathOf(id, '.json'), JSON.stringify(stored), { flag: 'wx', mode: 0o600 });
      await rename(partial, pathOf(id));
      return `${REF_PREFIX}${id}`;
    },

    async delete(ref) {
      if (!ref.startsWith(REF_PREFIX)) return;
      const id = ref.slice(REF_PREFIX.length);
      if (!ID_PATTERN.test(id)) throw new Error('invalid media reference');
      await rm(pathOf(id), { force: true });
      await rm(pathOf(id, '.json'), { force: true });
    },

    async get(ref) {
      if (!ref.startsWith(REF_PREFIX)) return null;
      const id = ref.slice(REF_PREFIX.length);
      if (!ID_PATTERN.test(id)) throw new Error('invalid media reference');
      let bytes: Buffer;
      try {
        bytes = await readFile(pathOf(id));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
      const meta = await readMeta(pathOf(id, '.json'));
      return meta?.mimeType !== undefined ? { bytes, mimeType: meta.mimeType } : { bytes };
    },
  };
}

async function readMeta(path: string): Promise<StoredMeta | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const mimeType = 'mimeType' in value && typeof value.mimeType === 'string' ? value.mimeType : undefined;
    const channel = 'channel' in value && typeof value.channel === 'string' ? value.channel : '';
    return mimeType !== undefined ? { channel, mimeType } : { channel };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
