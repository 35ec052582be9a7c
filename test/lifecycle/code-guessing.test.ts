import { bearer, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { mfaTokenFor, userWithTotp } from '../mfa/mfa-helpers';
import { RateLimit } from '../../src/limits/rate-limit.model';

useTestDatabase();
beforeEach(() => RateLimit.deleteMany({})); // every request comes from 127.0.0.1
const app = testApp({ RATE_LIMIT_ACCOUNT_FAILURES: '5' });
const wrongCodes = Array.from({ length: 25 }, (_, i) => `wrong-${String(i).padStart(5, '0')}`);

async function guessAt(path: string, method: 'post' | 'delete', token: string, password: string) {
  const statuses: number[] = [];
  for (const code of wrongCodes)
    statuses.push((await request(app)[method](path).set(bearer(token)).send({ password, code })).status);
  return statuses;
}

describe('TOTP and recovery codes guessed with a stolen password and access token', () => {
  it.each([
    ['DELETE /user/mfa/totp', '/user/mfa/totp', 'delete' as const],
    ['POST /user/mfa/recovery-codes', '/user/mfa/recovery-codes', 'post' as const],
  ])(
    'are counted at %s: after RATE_LIMIT_ACCOUNT_FAILURES wrong codes the guesser waits (429)',
    async (_route, path, method) => {
      const owner = await userWithTotp(app);

      const statuses = await guessAt(path, method, owner.token, owner.password);

      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(15);
      await request(app)
        .get('/user/mfa')
        .set(bearer(owner.token))
        .expect(200, { totp: true, recoveryCodesLeft: 10, passkeys: 0 });
    },
  );

  it('count with the wrong codes of the login: a right password in between never clears them', async () => {
    const owner = await userWithTotp(app);
    const mfaToken = await mfaTokenFor(app, owner);
    const verify = (code: string) => request(app).post('/auth/mfa/verify').send({ mfaToken, recoveryCode: code });
    for (const code of wrongCodes.slice(0, 4)) await verify(code).expect(401);

    await request(app)
      .put('/user/email')
      .set(bearer(owner.token))
      .send({ newEmail: `new-${owner.email}`, password: owner.password })
      .expect(202); // the right password, at a route that takes no code
    await verify(wrongCodes[4]).expect(401);

    await verify(wrongCodes[5]).expect(429);
  });
});
