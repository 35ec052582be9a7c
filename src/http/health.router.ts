import { Router } from 'express';
import { pingDatabase } from '../db';
import { serviceUnavailable } from '../errors/http-error';
import { allowOnly } from './validate';

export function healthRouter(): Router {
  const router = Router({ caseSensitive: true, strict: true }); // /USER/MyProfile and /user/myprofile/ are 404
  // alive: touches no database, so an orchestrator never restarts us for MongoDB's sake
  router
    .route('/health')
    .get((_req, res) => void res.json({ status: 'ok' }))
    .all(allowOnly('GET'));
  router
    .route('/ready')
    .get(async (_req, res) => {
      if (!(await pingDatabase())) throw serviceUnavailable();
      res.json({ status: 'ready' });
    })
    .all(allowOnly('GET'));
  return router;
}
