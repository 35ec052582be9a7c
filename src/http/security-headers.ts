import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

type HeaderValue = string | number | readonly string[];
type Step = { name: string; value?: HeaderValue };

/**
 * helmet's headers, worked out once. With static options no header depends on the request, so helmet's chain
 * of a dozen middleware runs once here, on a recorder, and every response gets the recorded block: the same
 * names and values in the same order, X-Powered-By removed as helmet removes it (test/http/security-headers).
 */
export function securityHeaders(options?: Parameters<typeof helmet>[0]): RequestHandler {
  const steps: Step[] = [];
  const recorder = {
    setHeader: (name: string, value: HeaderValue) => void steps.push({ name, value }),
    removeHeader: (name: string) => void steps.push({ name }),
  };
  let complete = false;
  helmet(options)({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error('helmet reported a failure');
    complete = true;
  });
  // a helmet that answered later, or asked the request for something, would not be a fixed block: refuse it
  if (!complete) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  const set = steps.filter((step) => step.value !== undefined) as Required<Step>[];
  const removed = steps.filter((step) => step.value === undefined).map((step) => step.name);
  return (_req, res, next) => {
    for (let i = 0; i < set.length; i++) res.setHeader(set[i].name, set[i].value);
    for (let i = 0; i < removed.length; i++) res.removeHeader(removed[i]);
    next();
  };
}
