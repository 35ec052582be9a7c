import type { Logger } from '../logger';

// The Lambda's timeout is 10 s (serverless.yml); SMTP's own timeouts (5 + 5 + 10 s) could outlast it.
export const BEFORE_ANSWER_LIMIT_MS = 6000;

/**
 * Work that goes on after the answer (the mail of a server that keeps running). Each task is counted until
 * it ends, so that a shutdown can let it finish before MongoDB closes; a failure is logged, never thrown.
 */
export function createBackgroundWork(logger: Logger) {
  const pending = new Set<Promise<void>>();

  const logged = (what: string, task: () => Promise<unknown>): Promise<void> =>
    task().then(
      () => undefined,
      (error: unknown) => void logger.error({ err: error }, `${what} failed`),
    );

  function run(what: string, task: () => Promise<unknown>): void {
    const done: Promise<void> = logged(what, task).finally(() => pending.delete(done));
    pending.add(done);
  }

  /** Where nothing may follow the answer (Lambda): the same task, awaited, its failure logged all the same. */
  const now = (what: string, task: () => Promise<unknown>): Promise<void> => logged(what, task);

  /**
   * `now` for a mail: never past BEFORE_ANSWER_LIMIT_MS, so that a mail server that stalls cannot hold the
   * answer past the function's timeout (API Gateway would answer 504, not the app). The send is left running.
   */
  async function nowWithinLimit(what: string, task: () => Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(
        () =>
          resolve(void logger.warn(`${what} still running after ${BEFORE_ANSWER_LIMIT_MS} ms; answering without it`)),
        BEFORE_ANSWER_LIMIT_MS,
      );
    });
    await Promise.race([logged(what, task), limit]).finally(() => clearTimeout(timer));
  }

  /** Resolves once nothing is pending, tasks started meanwhile included. */
  async function settled(): Promise<void> {
    while (pending.size > 0) await Promise.all(pending);
  }

  return { run, now, nowWithinLimit, settled };
}

export type BackgroundWork = ReturnType<typeof createBackgroundWork>;
