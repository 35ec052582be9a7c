import { Router } from 'express';
import { allowOnly, requireJson, validate } from '../http/validate';
import { loginSchema, registerSchema } from './auth.schemas';
import type { AuthService } from './auth.service';

export function authRouter(auth: AuthService): Router {
  const router = Router();
  router
    .route('/register')
    .post(requireJson, validate(registerSchema), async (req, res) => {
      res.status(201).json(await auth.registerUser(req.body));
    })
    .all(allowOnly('POST'));
  router
    .route('/login')
    .post(requireJson, validate(loginSchema), async (req, res) => {
      res.status(200).json(await auth.logIn(req.body));
    })
    .all(allowOnly('POST'));
  return router;
}
