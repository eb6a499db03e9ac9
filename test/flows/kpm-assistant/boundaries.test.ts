import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { effectNames } from '../../../flows/kpm-assistant/contract.js';
import { kpmAssistantMachine } from '../../../flows/kpm-assistant/machine.js';

const ROOT = resolve(new URL('../../../', import.meta.url).pathname);
const FLOW_DIR = join(ROOT, 'flows/kpm-assistant');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('kpm-assistant boundaries', () => {
  it('imports only xstate, its own files and pure domain code (no database, i18next or channels)', () => {
    const offending: string[] = [];
    for (const file of sourceFiles(FLOW_DIR)) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
        if (specifier === 'xstate') continue;
        if (!specifier?.startsWith('.')) {
          offending.push(`${relative(ROOT, file)} → ${specifier}`);
          continue;
        }
        if (!specifier.endsWith('.js')) offending.push(`${relative(ROOT, file)} → ${specifier} (no .js)`);
        const target = relative(ROOT, resolve(join(file, '..'), specifier));
        // Other flows are fine (the progress report is an invoked child); so is pure domain code.
        if (!target.startsWith('flows/') && !target.startsWith('src/domain/')) {
          offending.push(`${relative(ROOT, file)} → ${target}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('names exactly the effects the contract lists', () => {
    expect(Object.keys(kpmAssistantMachine.implementations.actors).sort()).toEqual([...effectNames.actors].sort());
    expect(Object.keys(kpmAssistantMachine.implementations.actions)).toEqual(expect.arrayContaining([...effectNames.actions]));
  });

  it('fails loudly when an effect was not provided', async () => {
    const actor = createActor(kpmAssistantMachine, { input: { channel: 'console', chatId: 'x' } });
    actor.subscribe({ error: () => undefined });
    actor.start();
    actor.send({ type: 'TEXT', text: 'halo' });
    const snapshot = await waitFor(actor, (s) => s.status === 'error');
    expect(String(snapshot.error)).toContain('"reply" not provided');
  });
});
