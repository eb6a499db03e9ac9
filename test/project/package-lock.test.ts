import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * `npm install` in a fresh clone must leave package-lock.json as committed. It rewrites the
 * lock when the lock's root entry disagrees with package.json: a dependency added by hand and
 * installed with --no-save, or an install script added without updating the lock (npm then
 * adds "hasInstallScript"). Regenerate with `npm install --package-lock-only` after such edits.
 */

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as Record<string, unknown>;
const lockText = readFileSync(`${ROOT}package-lock.json`, 'utf8');
const lock = JSON.parse(lockText) as { name: string; version: string; packages: Record<string, Record<string, unknown>> };
const root = lock.packages[''] ?? {};

describe('package-lock.json agrees with package.json', () => {
  it('names the same dependencies with the same ranges', () => {
    expect(lock.name).toBe(pkg.name);
    expect(lock.version).toBe(pkg.version);
    expect(root.dependencies ?? {}).toEqual(pkg.dependencies ?? {});
    expect(root.devDependencies ?? {}).toEqual(pkg.devDependencies ?? {});
    expect(root.engines ?? {}).toEqual(pkg.engines ?? {});
  });

  it('records the install script', () => {
    const scripts = (pkg.scripts ?? {}) as Record<string, string>;
    const hasInstallScript = ['preinstall', 'install', 'postinstall'].some((name) => name in scripts);
    expect(root.hasInstallScript === true).toBe(hasInstallScript);
  });

  it('locks every direct dependency', () => {
    const names = Object.keys({ ...(pkg.dependencies as object), ...(pkg.devDependencies as object) });
    expect(names.filter((name) => !lock.packages[`node_modules/${name}`])).toEqual([]);
  });

  it('keeps no registry URLs, as .npmrc asks, so every machine writes the same lock', () => {
    expect(readFileSync(`${ROOT}.npmrc`, 'utf8')).toMatch(/^omit-lockfile-registry-resolved=true$/m);
    expect(lockText).not.toContain('"resolved"');
  });
});
