import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from 'xstate';
import { moveSnapshot, openContext, sealContext } from '../../src/engine/seal-context.js';

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

describe('sealed child flows', () => {
  const report = { status: 'active', value: 'askingProfit', context: { salesAmount: 1_500_000, problems: 'modal kurang' } };
  const parent = {
    ...(snapshot as object),
    children: { progressReport: { snapshot: report, src: 'progressReport', syncSnapshot: false } },
  } as unknown as Snapshot<unknown>;
  const childSeal = { ...seal, children: ['progressReport'] };

  it('store a listed child flow sealed whole and open it back', () => {
    const stored = JSON.stringify(sealContext(parent, childSeal, 'telegram:1'));
    expect(stored).not.toContain('1500000');
    expect(stored).not.toContain('modal kurang');
    expect(stored).toContain('"src":"progressReport"'); // the engine still sees which child runs
    expect(openContext(JSON.parse(stored), childSeal, 'telegram:1')).toEqual(parent);
  });

  it('open to nothing under another chat, and leave unlisted children in the clear', () => {
    const stored = JSON.parse(JSON.stringify(sealContext(parent, childSeal, 'telegram:1')));
    expect(openContext(stored, childSeal, 'telegram:2')).toBeNull();
    expect(JSON.stringify(sealContext(parent, seal, 'telegram:1'))).toContain('modal kurang');
  });
});

describe('moving a snapshot to another id of the same chat', () => {
  const report = { status: 'active', value: 'askingProfit', context: { chatId: '77@lid', salesAmount: 1_500_000 } };
  const parent = {
    ...(snapshot as object),
    context: { channel: 'whatsapp', chatId: '77@lid', nik: NIK, language: 'id', recipientId: null },
    children: { progressReport: { snapshot: report, src: 'progressReport', syncSnapshot: false } },
  } as unknown as Snapshot<unknown>;
  const withChild = { ...seal, children: ['progressReport'] };
  const stored = JSON.parse(JSON.stringify(sealContext(parent, withChild, 'whatsapp:77@lid'))) as Snapshot<unknown>;

  it('seals every sealed value again for the new id and renames the chat ids inside, sealed or not', () => {
    const moved = moveSnapshot(stored, seal.key, 'whatsapp', '77@lid', '62812@s.whatsapp.net') as Snapshot<unknown>;
    expect(JSON.stringify(moved)).not.toContain(NIK);
    expect(JSON.stringify(moved)).not.toContain('77@lid');
    expect(openContext(moved, withChild, 'whatsapp:77@lid')).toBeNull();
    expect(openContext(moved, withChild, 'whatsapp:62812@s.whatsapp.net')).toEqual({
      ...(parent as object),
      context: { channel: 'whatsapp', chatId: '62812@s.whatsapp.net', nik: NIK, language: 'id', recipientId: null },
      children: { progressReport: { snapshot: { ...report, context: { ...report.context, chatId: '62812@s.whatsapp.net' } }, src: 'progressReport', syncSnapshot: false } },
    });
  });

  it('is nothing (a fresh start) when a sealed value does not open', () => {
    expect(moveSnapshot(stored, randomBytes(32), 'whatsapp', '77@lid', '62812@s.whatsapp.net')).toBeNull();
    expect(moveSnapshot(stored, undefined, 'whatsapp', '77@lid', '62812@s.whatsapp.net')).toBeNull();
  });
});
