import type { Express } from 'express';
import { bearer, type TestUser } from '../helpers/app';
import { verifiedUser } from '../helpers/lifecycle';
import { SoftAuthenticator } from '../helpers/authenticator';
import { request } from '../helpers/request';

export type PasskeyUser = TestUser & { authenticator: SoftAuthenticator; passkeyId: string };

/** Registers a passkey of a fresh software authenticator for the user, through the real routes. */
export async function addPasskey(app: Express, user: TestUser, authenticator = new SoftAuthenticator(), name?: string) {
  const options = (await request(app).post('/user/passkeys/options').set(bearer(user.token)).expect(200)).body;
  const res = await request(app)
    .post('/user/passkeys')
    .set(bearer(user.token))
    .send({ response: authenticator.register(options), ...(name ? { name } : {}) })
    .expect(201);
  return { authenticator, passkeyId: res.body.id as string };
}

/** A registered user with a verified address (v1.7 asks for it) and one passkey. */
export async function userWithPasskey(app: Express, authenticator?: SoftAuthenticator): Promise<PasskeyUser> {
  const user = await verifiedUser(app);
  return { ...user, ...(await addPasskey(app, user, authenticator)) };
}

/** POST /auth/passkey/options: the challenge id and the request options. */
export async function loginOptions(app: Express, email?: string) {
  const res = await request(app)
    .post('/auth/passkey/options')
    .send(email === undefined ? {} : { email })
    .expect(200);
  return res.body as {
    challengeId: string;
    options: { challenge: string; allowCredentials?: { id: string; type: string; transports?: string[] }[] };
  };
}
