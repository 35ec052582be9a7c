import { Router } from 'express';
import { allowOnly } from '../http/validate';
import type { Tokens } from '../auth/tokens';

/** GET /.well-known/jwks.json: the public keys other services verify tokens with (an empty list under HS256). */
export function jwksRouter(tokens: Tokens): Router {
  const body = JSON.stringify(tokens.jwks); // built once: the keys change only with a restart
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/.well-known/jwks.json')
    // five minutes: a verifier sees a new key soon after a rotation, and a removed one stops being served as soon
    .get((_req, res) => void res.set('Cache-Control', 'public, max-age=300').type('application/json').send(body))
    .all(allowOnly('GET'));
  return router;
}
