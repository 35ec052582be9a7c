import { route } from '../http/route';
import { jwksSchema } from './jwks.schemas';

const example = {
  keys: [
    {
      kty: 'EC',
      crv: 'P-256',
      x: 'zPDTW9jaA1mpcoYg0vpwFORZq8cqWxHmjlhzbRGS4Ds',
      y: 'Q-JTr-7H3962yZVL2uR4A71hhppEpz14nSgEPqkz8sI',
      kid: 'iu9l1JSbpQ91F-UtPmTRNTQzB0pX7Q-Cuv9zomqe1kU',
      use: 'sig',
      alg: 'ES256',
    },
  ],
};

/** The public keys for services that verify tokens alone (contract v1.4). */
export const jwksRoutes = [
  route({
    method: 'get',
    path: '/.well-known/jwks.json',
    summary:
      'The public keys that verify access tokens (JWK Set; empty under HS256); Cache-Control: public, max-age=300',
    answer: {
      status: 200,
      description: 'The JWK Set: the signing key first, then the keys that still verify',
      schema: jwksSchema,
      example,
    },
    errors: [],
    handle: ({ tokens }) => {
      const body = JSON.stringify(tokens.jwks); // built once: the keys change only with a restart
      // five minutes: a verifier sees a new key soon after a rotation, and a removed one stops being served as soon
      return (_req, res) => void res.set('Cache-Control', 'public, max-age=300').type('application/json').send(body);
    },
  }),
];
