import { bearer, registerUser, testApp } from '../helpers/app';
import { SoftAuthenticator } from '../helpers/authenticator';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { Passkey } from '../../src/passkeys/passkey.model';
import { PasskeyChallenge } from '../../src/passkeys/passkey-challenge.model';
import { Session } from '../../src/sessions/session.model';
import { claimsOf, userWithTotp } from '../mfa/mfa-helpers';
import { addPasskey, loginOptions, userWithPasskey } from './passkey-helpers';

useTestDatabase();
const app = testApp();
const logInWith = (body: object) => request(app).post('/auth/passkey').send(body);

describe('POST /auth/passkey/options', () => {
  it('answers a challenge without an allow list when no email is given: a discoverable login', async () => {
    const { challengeId, options } = await loginOptions(app);

    expect(challengeId).toMatch(/^[\w-]{43}$/);
    expect(options).toMatchObject({
      rpId: 'localhost',
      challenge: expect.stringMatching(/^[\w-]{43}$/),
      userVerification: 'preferred',
    });
    expect(options.allowCredentials).toBeUndefined();
  });

  it('lists the passkeys of a known email', async () => {
    const user = await userWithPasskey(app);

    const { options } = await loginOptions(app, user.email.toUpperCase());

    expect(options.allowCredentials).toEqual([
      { id: user.authenticator.id, type: 'public-key', transports: ['internal'] },
    ]);
  });

  it("answers an unknown email like a known one: one stable credential id of a real one's shape", async () => {
    const known = await userWithPasskey(app);
    const unknown = `nobody-${Date.now()}@example.com`;

    const [first, again, real] = [
      await loginOptions(app, unknown),
      await loginOptions(app, unknown),
      await loginOptions(app, known.email),
    ];
    const withoutPasskey = await loginOptions(app, (await registerUser(app)).email);

    for (const { options } of [first, withoutPasskey]) {
      expect(Object.keys(options).sort()).toEqual(Object.keys(real.options).sort());
      expect(options.allowCredentials).toEqual([
        { id: expect.stringMatching(/^[\w-]{22}$/), type: 'public-key', transports: expect.any(Array) },
      ]);
    }
    expect(again.options.allowCredentials).toEqual(first.options.allowCredentials);
    expect(first.options.allowCredentials![0].id).not.toBe(withoutPasskey.options.allowCredentials![0].id);
  });

  it('answers 400 VALIDATION_FAILED for an email that is not a string', async () => {
    const res = await request(app)
      .post('/auth/passkey/options')
      .send({ email: { $ne: '' } });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('POST /auth/passkey', () => {
  it('logs in with a discoverable passkey alone: the login shape, amr hwk+user, a live session, the counter and last use kept', async () => {
    const user = await userWithPasskey(app);
    const { challengeId, options } = await loginOptions(app);

    const res = await logInWith({ challengeId, response: user.authenticator.authenticate(options) });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      auth: true,
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 604800,
    });
    expect(claimsOf(res.body.token).amr).toEqual(['hwk', 'user']);
    const profile = await request(app).get('/user/myprofile').set(bearer(res.body.token)).expect(200);
    expect(profile.body.email).toBe(user.email);
    expect(await Passkey.findById(user.passkeyId).lean()).toMatchObject({ counter: 1, lastUsedAt: expect.any(Date) });
  });

  it('logs in for an email with its listed passkey, and says amr hwk alone when the user was not verified', async () => {
    const user = await userWithPasskey(app, new SoftAuthenticator({ userVerified: false }));
    const { challengeId, options } = await loginOptions(app, user.email);

    const res = await logInWith({ challengeId, response: user.authenticator.authenticate(options) }).expect(200);

    expect(claimsOf(res.body.token).amr).toEqual(['hwk']);
  });

  it('logs an account with TOTP on straight in: a user-verified passkey is multi-factor already', async () => {
    const user = await userWithTotp(app);
    const { authenticator } = await addPasskey(app, user);
    const { challengeId, options } = await loginOptions(app, user.email);

    const res = await logInWith({ challengeId, response: authenticator.authenticate(options) });

    expect(res.status).toBe(200);
    expect(res.body.auth).toBe(true);
  });

  it('answers 401 for a challenge used once already, and opens no second session', async () => {
    const user = await userWithPasskey(app);
    const { challengeId, options } = await loginOptions(app);
    await logInWith({ challengeId, response: user.authenticator.authenticate(options) }).expect(200);
    const sessions = await Session.countDocuments();

    const res = await logInWith({ challengeId, response: user.authenticator.authenticate(options) });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    expect(await Session.countDocuments()).toBe(sessions);
  });

  it('lets exactly one of parallel logins with one challenge through', async () => {
    const user = await userWithPasskey(app);
    const { challengeId, options } = await loginOptions(app);
    const response = user.authenticator.authenticate(options);

    const answers = await Promise.all(Array.from({ length: 5 }, () => logInWith({ challengeId, response })));

    expect(answers.map((res) => res.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('answers 401 for an expired challenge', async () => {
    const user = await userWithPasskey(app);
    const { challengeId, options } = await loginOptions(app);
    await PasskeyChallenge.updateOne({ challengeId }, { $set: { expiresAt: new Date(Date.now() - 1000) } });

    await logInWith({ challengeId, response: user.authenticator.authenticate(options) }).expect(401);
    expect((await Passkey.findById(user.passkeyId).lean())?.counter).toBe(0);
  });

  it('answers 401 when the signature counter did not grow (a cloned authenticator), and keeps the stored counter', async () => {
    const user = await userWithPasskey(app);
    const first = await loginOptions(app);
    await logInWith({
      challengeId: first.challengeId,
      response: user.authenticator.authenticate(first.options),
    }).expect(200);
    const second = await loginOptions(app);

    const res = await logInWith({
      challengeId: second.challengeId,
      response: user.authenticator.authenticate(second.options, { bumpCounter: false }),
    });

    expect(res.status).toBe(401);
    expect((await Passkey.findById(user.passkeyId).lean())?.counter).toBe(1);
  });

  it('answers 401 when the counter went backwards', async () => {
    const user = await userWithPasskey(app);
    user.authenticator.counter = 10;
    const first = await loginOptions(app);
    await logInWith({
      challengeId: first.challengeId,
      response: user.authenticator.authenticate(first.options),
    }).expect(200);
    user.authenticator.counter = 3;
    const second = await loginOptions(app);

    await logInWith({
      challengeId: second.challengeId,
      response: user.authenticator.authenticate(second.options),
    }).expect(401);
    expect((await Passkey.findById(user.passkeyId).lean())?.counter).toBe(11);
  });

  it("answers 401 for a passkey of another account than the email's challenge was made for", async () => {
    const ada = await userWithPasskey(app);
    const eve = await userWithPasskey(app);
    const { challengeId, options } = await loginOptions(app, ada.email);

    await logInWith({ challengeId, response: eve.authenticator.authenticate(options) }).expect(401);
  });

  it('answers 401 for a tampered signature or authenticatorData, and changes nothing', async () => {
    const user = await userWithPasskey(app);
    const sessions = await Session.countDocuments();
    const wrongKey = new SoftAuthenticator();
    const forged = await loginOptions(app);
    const flipped = await loginOptions(app);
    const tampered = user.authenticator.authenticate(flipped.options);
    tampered.response.authenticatorData = Buffer.from(tampered.response.authenticatorData, 'base64url')
      .fill(0xff, 33, 37)
      .toString('base64url');

    await logInWith({
      challengeId: forged.challengeId,
      response: user.authenticator.authenticate(forged.options, { key: wrongKey.keys.privateKey }),
    }).expect(401);
    await logInWith({ challengeId: flipped.challengeId, response: tampered }).expect(401);

    expect(await Session.countDocuments()).toBe(sessions);
    expect(await Passkey.findById(user.passkeyId).lean()).toMatchObject({ counter: 0, lastUsedAt: null });
  });

  it('answers 401 for a credential no account registered', async () => {
    const { challengeId, options } = await loginOptions(app);

    await logInWith({ challengeId, response: new SoftAuthenticator().authenticate(options) }).expect(401);
  });

  it('answers 401 for a removed passkey', async () => {
    const user = await userWithPasskey(app);
    await request(app).delete(`/user/passkeys/${user.passkeyId}`).set(bearer(user.token)).expect(204);
    const { challengeId, options } = await loginOptions(app);

    await logInWith({ challengeId, response: user.authenticator.authenticate(options) }).expect(401);
  });

  it('answers 400 VALIDATION_FAILED without a challengeId or with a response of the wrong shape', async () => {
    const user = await userWithPasskey(app);
    const { options } = await loginOptions(app);

    for (const body of [
      { response: user.authenticator.authenticate(options) },
      { challengeId: 'x', response: { id: 'a' } },
      { challengeId: { $ne: null }, response: user.authenticator.authenticate(options) },
    ]) {
      const res = await logInWith(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('rate limits on the passkey login', () => {
  it('answers 429 with Retry-After past the per-address limit', async () => {
    const limited = testApp({ RATE_LIMIT_ADDRESS_PER_MINUTE: '2' });
    await request(limited).post('/auth/passkey/options').send({}).expect(200);
    await request(limited).post('/auth/passkey/options').send({}).expect(200);

    const res = await request(limited).post('/auth/passkey').send({ challengeId: 'x', response: {} });

    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });
});
