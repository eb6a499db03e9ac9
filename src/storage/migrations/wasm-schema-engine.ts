import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

// The wasm-bindgen glue reports a Rust panic's message here just before the module traps.
declare global {
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

export type { SchemaEngine };

// The project's type libraries (ES2023 + node, no DOM) declare no WebAssembly value; type the
// two members used here.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: Record<string, unknown> } }>;
  RuntimeError: abstract new (...args: never[]) => Error;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let loaded: Promise<void> | undefined;
let lastPanic: string | undefined;

/**
 * Prisma's schema engine compiled to WebAssembly (the CLI's native engine cannot be downloaded
 * here). The package's entry imports the .wasm as an ES module, which Node cannot do, so the
 * module is instantiated by hand with the JS glue as its import object. Once per process: the
 * glue keeps the instance in module state.
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': bindings });
    globalThis.PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message) {
        lastPanic = message;
      },
    };
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/**
 * Runs `fn` with a schema engine that reaches its databases through `adapterFactory`, then frees
 * the engine. Errors raised by the adapter come back as the adapter's own error, panics with
 * the Rust panic message.
 */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  if (lastPanic !== undefined) throw new Error(`The schema engine panicked earlier in this process: ${lastPanic}`);
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  const explain = (error: unknown) => explainEngineError(error, bound.errorRegistry);
  // The callback receives the engine's JSON log lines; nothing here needs them.
  const engine = await bindings.SchemaEngine.new({ datamodels: undefined }, () => {}, bound).catch(explain);
  try {
    return await fn(engine).catch(explain);
  } finally {
    engine.free();
  }
}

function explainEngineError(error: unknown, registry: ErrorRegistry): never {
  if (error instanceof wasmApi.RuntimeError && lastPanic !== undefined) {
    throw new Error(`Schema engine panic: ${lastPanic}`, { cause: error });
  }
  // Adapter failures (e.g. a migration script PostgreSQL rejects) reach the engine as
  // "External error id#N"; the registry holds the original error.
  const id = error instanceof Error ? /External error id#(\d+)/.exec(error.message)?.[1] : undefined;
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (error instanceof Error && original !== undefined) {
    const detail = original instanceof Error ? original.message : String(original);
    const summary = (error.message.split('\n')[0] ?? '').trim().replace(/\.$/, '');
    throw new Error(`${summary}: ${detail}`, { cause: error });
  }
  throw error;
}
