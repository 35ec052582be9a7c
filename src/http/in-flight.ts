import type { Server, ServerResponse } from 'node:http';

/**
 * Counts the requests whose handlers have not answered yet, those whose client has already gone included:
 * server.close() waits only for open connections, so a handler whose client hung up would otherwise meet
 * a closed MongoDB connection at shutdown and leave its work half done. Returns a wait for the count to be 0.
 */
export function trackInFlight(server: Server): () => Promise<void> {
  let count = 0;
  let drained: (() => void) | undefined;
  server.on('request', (_req, res: ServerResponse) => {
    count += 1;
    const end = res.end;
    // every handler ends its response, an error handler's problem+json included, even on a closed socket
    res.end = function (this: ServerResponse, ...args: Parameters<typeof end>) {
      res.end = end;
      count -= 1;
      if (count === 0) drained?.();
      return end.apply(this, args);
    } as typeof end;
  });
  return () => new Promise<void>((resolve) => (count === 0 ? resolve() : (drained = resolve)));
}
