import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from 'xstate';
import { openContext, sealContext } from '../../src/engine/seal-context.js';

const NIK = '3604011508850001';
const seal = { key: randomBytes(32), fields: ['nik'] };
const snapshot = { status: 'active', value: { verification: 'askingName' }, context: { nik: NIK, language: 'id', recipientId: null } } as unknown as Snapshot<unknown>;

describe('sealed context fields', () => {
  it('store a secret field sealed and open it back', () => {
    const sealed = sealContext(snapshot, seal, 'telegram:1');
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain(NIK);
    expect(stored).not.toMatch(/\d{16}/);
    expect(stored).toContain('"language":"id"'); // other fields stay readable
    expect(openContext(JSON.parse(stored), seal, 'telegram:1')).toEqual(snapshot);
  });

  it('leave an empty field alone', () => {
    const empty = { ...snapshot, context: { nik: null, language: 'id' } } as unknown as Snapshot<unknown>;
    expect(sealContext(empty, seal, 'telegram:1')).toEqual(empty);
  });

  it('open to nothing (a fresh start) under another chat or another key', () => {
    const stored = JSON.parse(JSON.stringify(sealContext(snapshot, seal, 'telegram:1')));
    expect(openContext(stored, seal, 'telegram:2')).toBeNull();
    expect(openContext(stored, { ...seal, key: randomBytes(32) }, 'telegram:1')).toBeNull();
  });

  it('read a value stored before sealing existed as it is', () => {
    expect(openContext(snapshot, seal, 'telegram:1')).toEqual(snapshot);
  });
});
