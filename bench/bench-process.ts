import { execFileSync } from 'node:child_process';

/** Things to undo when a bench ends or is interrupted (servers, scratch databases, work dirs), undone last first. */
export type Cleanups = Array<() => Promise<void>>;

/** The commit measured, and whether the app's sources differ from it (several people work in this tree). */
export function appVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'flows', 'prisma'], { encoding: 'utf8' }).trim() !== '';
    return `${head}${dirty ? ' + uncommitted changes in src/, flows/ or prisma/' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

/**
 * Runs a bench's `main`: its error is printed with exit code 1, and `cleanups` are undone when
 * it ends and on Ctrl-C (exit 130), so no server or scratch database outlives the run.
 */
export function runBench(main: () => Promise<void>, cleanups: Cleanups): void {
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    cleanups.length = 0;
  };
  process.on('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });
  main()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    })
    .finally(() => cleanUp());
}
