import type { ImportProgress } from '../../../src/importing/import-options.js';

/**
 * A gate an import job waits at (ImportJobSettings.afterBatch) once a row has been written,
 * until the test opens it: the page can then be seen half-way. `open()` lets every later job
 * through; `reached` resolves when a job first waits.
 */
export function importGate(held = true) {
  let open: () => void = () => {};
  let reached: () => void = () => {};
  let isHeld = held;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    reached: new Promise<void>((resolve) => (reached = resolve)),
    open() {
      isHeld = false;
      open();
    },
    async wait(progress: ImportProgress): Promise<void> {
      if (!isHeld || progress.done < 2) return;
      reached();
      await opened;
    },
  };
}
