/**
 * Reads shared by every turn of one batch transaction. An effect that only reads reference data
 * every chat asks for alike (the Dinas Sosial contact shown with the help text) asks for it
 * here, and the batch reads it once instead of once per message. The values live as long as the
 * transaction, so they are as fresh as a read at its start; never put here what the batch's
 * own turns write.
 */
export interface BatchReads {
  /** The value under `key`, loaded by the first caller of this batch; later callers share it. */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/** A fresh set of shared reads, for one transaction. */
export function createBatchReads(): BatchReads {
  const values = new Map<string, Promise<unknown>>();
  return {
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      let value = values.get(key) as Promise<T> | undefined;
      if (!value) {
        value = load();
        values.set(key, value);
      }
      return value;
    },
  };
}
