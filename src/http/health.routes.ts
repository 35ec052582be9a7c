import { z } from 'zod';
import { pingDatabase } from '../db';
import { serviceUnavailable } from '../errors/http-error';
import { route } from './route';

const healthSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({ status: z.literal('ready') });

/** Liveness and readiness, for an orchestrator or a load balancer. */
export const healthRoutes = [
  route({
    method: 'get',
    path: '/health',
    summary: 'Liveness: touches no database',
    answer: { status: 200, description: 'Alive', schema: healthSchema, example: { status: 'ok' } },
    errors: [],
    // alive: touches no database, so an orchestrator never restarts us for MongoDB's sake
    handle: () => (_req, res) => void res.json({ status: 'ok' }),
  }),
  route({
    method: 'get',
    path: '/ready',
    summary: 'Readiness: MongoDB answers a ping',
    answer: { status: 200, description: 'Ready', schema: readySchema, example: { status: 'ready' } },
    errors: [],
    handle: () => async (_req, res) => {
      if (!(await pingDatabase())) throw serviceUnavailable();
      res.json({ status: 'ready' });
    },
  }),
];
