import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportEffectNames } from '../../../flows/progress-report/contract.js';
import { progressReportMachine } from '../../../flows/progress-report/machine.js';

const ROOT = resolve(new URL('../../../', import.meta.url).pathname);
const FLOW_DIR = join(ROOT, 'flows/progress-report');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('progress-report boundaries', () => {
  it('imports only xstate, flows and pure domain code (no database, i18next or channels)', () => {
    const offending: string[] = [];
    for (const file of sourceFiles(FLOW_DIR)) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
        if (specifier === 'xstate') continue;
        const target = relative(ROOT, resolve(join(file, '..'), specifier ?? ''));
        if (!specifier?.startsWith('.') || (!target.startsWith('flows/') && !target.startsWith('src/domain/'))) offending.push(`${relative(ROOT, file)} → ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('names exactly the effects the contract lists', () => {
    expect(Object.keys(progressReportMachine.implementations.actors).sort()).toEqual([...reportEffectNames.actors].sort());
    expect(Object.keys(progressReportMachine.implementations.actions)).toEqual(expect.arrayContaining([...reportEffectNames.actions]));
  });

  it('keeps no user-facing sentence in code: every line is a key', () => {
    for (const file of sourceFiles(FLOW_DIR)) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(ROOT, file)).not.toMatch(/'(Bapak|Ibu|Terima kasih|Maaf)[^']*'/);
    }
  });
});
