import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

export type RequestContext = { ip: string | null; userAgent: string | null; actor: string };

const storage = new AsyncLocalStorage<RequestContext>();

/** Where a request comes from, for the audit log, without passing the request into every service. */
export const requestContext: RequestHandler = (req, _res, next) => {
  storage.run({ ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 256) ?? null, actor: 'user' }, next);
};

export const currentContext = (): RequestContext =>
  storage.getStore() ?? { ip: null, userAgent: null, actor: 'system' };

/** Marks the rest of this request as done by an operator's admin key (by its fingerprint, never the key). */
export function actAs(actor: string): void {
  const context = storage.getStore();
  if (context) context.actor = actor;
}
