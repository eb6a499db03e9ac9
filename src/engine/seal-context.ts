import type { Snapshot } from 'xstate';
import { decryptSecret, encryptSecret } from '../storage/encrypt-secret.js';

/**
 * Secret context fields (a NIK typed while the name is still to come) are stored sealed with
 * AES-256-GCM, so the conversation table never holds them in the clear. In the persisted
 * snapshot such a field becomes `{ "$sealed": "v1:…" }`; the flow itself only ever sees the
 * plain value. The chat and field name are authenticated with it, so a sealed value cannot be
 * moved to another chat.
 */
export interface ContextSeal {
  key: Buffer;
  fields: readonly string[];
  /**
   * Invoked child flows whose whole persisted snapshot is personal data (the business report
   * under way: figures, problems, photo keys): sealed as one value under `children.<id>.snapshot`.
   */
  children?: readonly string[];
}

interface Sealed {
  $sealed: string;
}

function isSealed(value: unknown): value is Sealed {
  return typeof value === 'object' && value !== null && typeof (value as Sealed).$sealed === 'string';
}

function contextOf(snapshot: unknown): Record<string, unknown> | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null;
  const context = (snapshot as { context?: unknown }).context;
  return typeof context === 'object' && context !== null ? (context as Record<string, unknown>) : null;
}

const aad = (chat: string, field: string) => `context:${chat}:${field}`;
const childAad = (chat: string, child: string) => `child:${chat}:${child}`;

type Children = Record<string, { snapshot?: unknown } | undefined>;

function childrenOf(snapshot: unknown): Children | null {
  const children = (snapshot as { children?: unknown }).children;
  return typeof children === 'object' && children !== null ? (children as Children) : null;
}

/** `children` with every listed child's snapshot sealed (or opened, by `transform`); null when one does not open. */
function mapChildren(snapshot: unknown, names: readonly string[], transform: (value: unknown, name: string) => unknown): Children | null | undefined {
  const children = childrenOf(snapshot);
  if (!children || names.length === 0) return undefined;
  const out: Children = { ...children };
  for (const name of names) {
    const child = children[name];
    if (!child || child.snapshot === undefined) continue;
    const value = transform(child.snapshot, name);
    if (value === null) return null;
    out[name] = { ...child, snapshot: value };
  }
  return out;
}

/** A copy of `snapshot` with every secret field that holds a value sealed. */
export function sealContext<S>(snapshot: S, seal: ContextSeal, chat: string): S {
  const context = contextOf(snapshot);
  if (!context) return snapshot;
  const sealed: Record<string, unknown> = { ...context };
  for (const field of seal.fields) {
    const value = context[field];
    if (value === null || value === undefined || isSealed(value)) continue;
    sealed[field] = { $sealed: encryptSecret(JSON.stringify(value), seal.key, aad(chat, field)) } satisfies Sealed;
  }
  const children = mapChildren(snapshot, seal.children ?? [], (value, name) =>
    isSealed(value) ? value : ({ $sealed: encryptSecret(JSON.stringify(value), seal.key, childAad(chat, name)) } satisfies Sealed));
  return { ...snapshot, context: sealed, ...(children ? { children } : {}) };
}

/**
 * The snapshot with its secret fields opened. Null when one does not open (the key changed, or
 * the row was altered): the conversation then starts afresh rather than fail on every message.
 * A plain value (stored before sealing existed) is read as it is and sealed at the next save.
 */
export function openContext(snapshot: Snapshot<unknown>, seal: ContextSeal, chat: string): Snapshot<unknown> | null {
  const context = contextOf(snapshot);
  if (!context) return snapshot;
  const opened: Record<string, unknown> = { ...context };
  for (const field of seal.fields) {
    const value = context[field];
    if (!isSealed(value)) continue;
    try {
      opened[field] = JSON.parse(decryptSecret(value.$sealed, seal.key, aad(chat, field)));
    } catch {
      return null;
    }
  }
  const children = mapChildren(snapshot, seal.children ?? [], (value, name) => {
    if (!isSealed(value)) return value;
    try {
      return JSON.parse(decryptSecret(value.$sealed, seal.key, childAad(chat, name))) as unknown;
    } catch {
      return null;
    }
  });
  if (children === null) return null;
  return { ...snapshot, context: opened, ...(children ? { children } : {}) } as unknown as Snapshot<unknown>;
}

/**
 * A stored snapshot of chat `from` as it must be stored for chat `to` of the same channel (the
 * platform now names the person so): every sealed value is opened under the old chat and sealed
 * again under the new one, and every `chatId` property that named the old chat, at any depth,
 * names the new one (flows keep their chat in context and hand it to their effects). Needs no
 * flow: sealed values are found by their shape. Null when a sealed value does not open, or
 * there is one and no key: the conversation then starts afresh, as on load.
 */
export function moveSnapshot(snapshot: unknown, key: Buffer | undefined, channel: string, from: string, to: string): unknown {
  const fromChat = `${channel}:${from}`;
  const toChat = `${channel}:${to}`;
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, name === 'chatId' && inner === from ? to : rename(inner)]));
  };
  const reseal = (value: Sealed, fromAad: string, toAad: string): Sealed | null => {
    if (!key) return null;
    try {
      const plain = rename(JSON.parse(decryptSecret(value.$sealed, key, fromAad)));
      return { $sealed: encryptSecret(JSON.stringify(plain), key, toAad) };
    } catch {
      return null;
    }
  };
  const renamed = rename(snapshot);
  const context = contextOf(renamed);
  if (!context) return renamed;
  const moved: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(context)) {
    if (!isSealed(value)) {
      moved[field] = value;
      continue;
    }
    const next = reseal(value, aad(fromChat, field), aad(toChat, field));
    if (next === null) return null;
    moved[field] = next;
  }
  const children = childrenOf(renamed);
  const movedChildren: Children = { ...children };
  for (const [name, child] of Object.entries(children ?? {})) {
    if (!child || !isSealed(child.snapshot)) continue;
    const next = reseal(child.snapshot, childAad(fromChat, name), childAad(toChat, name));
    if (next === null) return null;
    movedChildren[name] = { ...child, snapshot: next };
  }
  return { ...(renamed as object), context: moved, ...(children ? { children: movedChildren } : {}) };
}
