import type { Logger } from '../logger';

/**
 * Work that goes on after the answer (the mail of a server that keeps running). Each task is counted until
 * it ends, so that a shutdown can let it finish before MongoDB closes; a failure is logged, never thrown.
 */
export function createBackgroundWork(logger: Logger) {
  const pending = new Set<Promise<void>>();

  const logged = (what: string, task: () => Promise<unknown>): Promise<void> =>
    task().then(() => undefined, (error: unknown) => void logger.error({ err: error }, `${what} failed`));

  function run(what: string, task: () => Promise<unknown>): void {
    const done: Promise<void> = logged(what, task).finally(() => pending.delete(done));
    pending.add(done);
  }

  /** Where nothing may follow the answer (Lambda): the same task, awaited, its failure logged all the same. */
  const now = (what: string, task: () => Promise<unknown>): Promise<void> => logged(what, task);

  /** Resolves once nothing is pending, tasks started meanwhile included. */
  async function settled(): Promise<void> {
    while (pending.size > 0) await Promise.all(pending);
  }

  return { run, now, settled };
}

export type BackgroundWork = ReturnType<typeof createBackgroundWork>;
