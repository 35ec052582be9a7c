import { Router, type RequestHandler } from 'express';
import { allowOnly } from '../http/validate';
import { getProfile } from './users.service';

export function usersRouter(requireAuth: RequestHandler): Router {
  const router = Router();
  router
    .route('/myprofile')
    .get(requireAuth, async (_req, res) => {
      res.json(await getProfile(res.locals.auth.sub));
    })
    .all(allowOnly('GET'));
  return router;
}
