import { callerOf } from '../auth/require-auth';
import { notFound } from '../errors/http-error';
import { route } from '../http/route';
import { sessionViewSchema } from './sessions.schemas';

const sessionExample = {
  id: '6b05aeb3e31649e5290a5c1d',
  createdAt: '2026-11-24T15:35:15.639Z',
  lastUsedAt: '2026-11-24T16:01:02.003Z',
  userAgent: 'Mozilla/5.0',
  current: true,
};

/** The signed-in user's sessions (contract v1.1). */
export const sessionsRoutes = [
  route({
    method: 'get',
    path: '/user/sessions',
    summary: "The caller's live sessions",
    guard: 'token',
    answer: {
      status: 200,
      description: 'Live sessions, newest use first',
      schema: sessionViewSchema.array(),
      example: [sessionExample],
    },
    errors: [],
    handle:
      ({ sessions }) =>
      async (_req, res) => {
        const { userId, sessionId } = callerOf(res);
        res.json(await sessions.list(userId, sessionId));
      },
  }),
  route({
    method: 'delete',
    path: '/user/sessions',
    summary: 'Revoke every session of the caller, this one too',
    guard: 'token',
    answer: { status: 204, description: 'Revoked' },
    errors: [],
    handle:
      ({ sessions, audit }) =>
      async (_req, res) => {
        const caller = callerOf(res);
        await Promise.all([
          sessions.logOutEverywhere(caller.userId), // a pending email change ends too
          audit.record({ type: 'sessions.revoked', ...caller }),
        ]);
        res.status(204).end();
      },
  }),
  route({
    method: 'delete',
    path: '/user/sessions/{id}',
    summary: 'Revoke one session of the caller',
    guard: 'token',
    answer: { status: 204, description: 'Revoked' },
    errors: [404],
    handle:
      ({ sessions, audit }) =>
      async (req, res) => {
        const { userId } = callerOf(res);
        const revoked = await sessions.revoke(req.params.id, userId);
        if (!revoked) throw notFound('SESSION_NOT_FOUND', 'No such live session of this user');
        await audit.record({ type: 'session.revoked', userId, sessionId: req.params.id });
        res.status(204).end();
      },
  }),
];
