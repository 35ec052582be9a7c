import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import { SignatureError, type Customers } from './customers.ts';
import { OrderLimitError, orderSchema, type Orders } from './orders.ts';
import { tokenFromHeader, type User, type VerifyToken } from './tokens.ts';

// The orders API. Every /orders route takes an authgate access token: the user is who its `sub` says, and its
// `premium` claim decides how many orders may be open at once. With authgate's webhooks (customers, when
// AUTHGATE_WEBHOOK_SECRET is set) it also knows each user's email and name, and refuses a deleted user's token.
export function createApp(orders: Orders, verifyToken: VerifyToken, customers?: Customers) {
  const app = express();
  if (customers) {
    // before express.json: the signature is over the body's exact bytes
    app.post('/webhooks/authgate', express.text({ type: 'application/json', limit: '64kb' }), async (req, res) => {
      await customers.receive(String(req.body), req.headers as Record<string, string>);
      res.status(204).end();
    });
  }
  app.use(express.json({ limit: '8kb' }));
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));

  const refused = () => new HttpError(401, 'UNAUTHORIZED', 'A valid authgate access token is required');
  const requireUser: RequestHandler = async (req, res, next) => {
    const found = await verifyToken(tokenFromHeader(req.headers.authorization)).catch(() => {
      throw refused();
    });
    if (await customers?.isDeleted(found.id)) throw refused();
    res.locals.user = found;
    next();
  };
  const user = (res: Response) => res.locals.user as User;

  app.get('/orders', requireUser, async (_req, res) => void res.json(await orders.list(user(res))));
  app.post('/orders', requireUser, async (req, res) => {
    const input = orderSchema.safeParse(req.body);
    if (!input.success) throw new HttpError(400, 'VALIDATION_FAILED', input.error.issues[0].message);
    res.status(201).json(await orders.place(user(res), input.data));
  });
  app.delete('/orders/:id', requireUser, async (req, res) => {
    if (!(await orders.cancel(user(res), String(req.params.id))))
      throw new HttpError(404, 'ORDER_NOT_FOUND', 'You have no open order with this id');
    res.status(204).end();
  });

  if (customers) {
    app.get('/me', requireUser, async (_req, res) => {
      const customer = await customers.find(user(res).id);
      if (!customer) throw new HttpError(404, 'CUSTOMER_NOT_FOUND', 'authgate has not told this service of you yet');
      res.json(customer);
    });
  }

  app.use(() => {
    throw new HttpError(404, 'NOT_FOUND', 'No such route');
  });
  app.use(errorHandler);
  return app;
}

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Errors as application/problem+json, as authgate answers them. */
const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const problem = toProblem(error);
  if (problem.status === 500) console.error(error);
  res.status(problem.status).type('application/problem+json').json(problem);
};

function toProblem(error: unknown): { status: number; code: string; detail: string } {
  if (error instanceof HttpError) return { status: error.status, code: error.code, detail: error.message };
  if (error instanceof SignatureError) return { status: 400, code: 'INVALID_SIGNATURE', detail: error.message };
  if (error instanceof OrderLimitError) return { status: 403, code: 'ORDER_LIMIT_REACHED', detail: error.message };
  const { status, expose, message } = error as { status?: number; expose?: boolean; message?: string };
  if (expose && status) return { status, code: 'BAD_REQUEST', detail: message ?? '' }; // express.json: bad JSON, too large
  return { status: 500, code: 'INTERNAL', detail: 'Something went wrong' };
}
