import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export type InFlight = { count: () => number; drained: () => Promise<void> };

/**
 * Counts the requests whose handlers have not answered yet, those whose client has already gone included:
 * server.close() waits only for open connections, so a handler whose client hung up would otherwise meet
 * a closed MongoDB connection at shutdown and leave its work half done. `drained()` waits for the count to be 0.
 *
 * A request leaves the count exactly once, when its handler ends the response (res.end, which every handler
 * calls, an error handler's problem+json included, even on a closed socket) or when the response finishes.
 * Not on 'close': that comes as soon as the client hangs up, while the handler may still be at work.
 */
export function trackInFlight(server: Server): InFlight {
  let count = 0;
  const waiting: (() => void)[] = [];
  const leave = () => {
    count -= 1;
    if (count === 0) waiting.splice(0).forEach((resolve) => resolve());
  };
  // prepended, so that it runs before the app: the app answers /health, a 404 or a preflight synchronously,
  // within its own 'request' listener, and a wrapper put in place after it would never see those ends
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    count += 1;
    let counted = true;
    const once = () => {
      if (counted) leave();
      counted = false;
    };
    const end = res.end.bind(res);
    res.end = ((...args: Parameters<typeof end>) => {
      res.end = end;
      once();
      return end(...args);
    }) as typeof end;
    res.once('finish', once);
  });
  return {
    count: () => count,
    drained: () => new Promise<void>((resolve) => (count === 0 ? resolve() : waiting.push(resolve))),
  };
}
