import type { Express } from 'express';
import { request } from '../helpers/request';
import { bearer, type TestUser } from '../helpers/app';
import { verifiedUser } from '../helpers/lifecycle';
import { awayFromStepEdge, totpCode } from '../helpers/totp';

export type MfaUser = TestUser & { secret: string; recoveryCodes: string[] };

/** A registered user with a verified address (v1.7 asks for it) and TOTP turned on through the real routes. */
export async function userWithTotp(app: Express): Promise<MfaUser> {
  const user = await verifiedUser(app);
  const { secret } = (
    await request(app).post('/user/mfa/totp').set(bearer(user.token)).send({ password: user.password }).expect(200)
  ).body;
  await awayFromStepEdge();
  const { recoveryCodes } = (
    await request(app)
      .post('/user/mfa/totp/confirm')
      .set(bearer(user.token))
      .send({ code: totpCode(secret) })
      .expect(200)
  ).body;
  return { ...user, secret, recoveryCodes };
}

/** The first step of a login of a TOTP user: the mfaToken. */
export async function mfaTokenFor(app: Express, user: Pick<TestUser, 'email' | 'password'>): Promise<string> {
  const res = await request(app).post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
  return res.body.mfaToken;
}

/** The claims of a JWT, unverified: what a client can read of its own token. */
export const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
