import { randomUUID } from 'node:crypto';
import type { RequestHandler, Request, Response } from 'express';
import pino, { type Logger } from 'pino';

export type { Logger };

declare module 'http' {
  interface IncomingMessage {
    id: string;
    log: Logger;
  }
}

// Belt and braces: the request lines below never carry headers or bodies, and these paths are redacted anyway.
const redact = ['req.headers.authorization', 'req.headers.cookie', 'password', 'token', 'refreshToken', 'uri'];

/**
 * Lines go to stdout by a synchronous write, as console.log's do: pino's default there is an asynchronous
 * write on the libuv threadpool per line, which cost the profile route a tenth of its CPU (docs/benchmarks.md),
 * and a line still in a buffer when Lambda freezes the process would show up late or never.
 */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino({ level, redact, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One line per request, with a request id that the client may supply (X-Request-Id) and always gets back.
 * Nothing is built for a line that the level will not write: pino-http's child logger per request cost
 * 6% of the profile route's throughput even at LOG_LEVEL=silent (docs/benchmarks.md).
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.log = logger;
    res.setHeader('X-Request-Id', req.id);
    if (logger.isLevelEnabled('error')) {
      const started = performance.now();
      let logged = false;
      const done = () => {
        if (!logged) logRequest(logger, req, res, performance.now() - started);
        logged = true;
      };
      res.once('finish', done).once('close', done);
    }
    next();
  };
}

function logRequest(logger: Logger, req: Request, res: Response, millis: number): void {
  const failed = res.statusCode >= 500;
  const level = failed ? 'error' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const line = {
    req: { id: req.id, method: req.method, url: req.originalUrl.split('?')[0] },
    res: { statusCode: res.statusCode },
    responseTime: Math.round(millis),
  };
  logger[level](line, failed ? 'request errored' : requestEnd(res));
}

const requestEnd = (res: Response) => (res.writableFinished ? 'request completed' : 'request aborted');
