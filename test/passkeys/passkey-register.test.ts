import { bearer, testApp } from '../helpers/app';
import { verifiedUser } from '../helpers/lifecycle';
import { SoftAuthenticator } from '../helpers/authenticator';
import { useTestDatabase } from '../helpers/database';
import { request } from '../helpers/request';
import { Passkey } from '../../src/passkeys/passkey.model';
import { PasskeyChallenge } from '../../src/passkeys/passkey-challenge.model';
import { addPasskey, userWithPasskey } from './passkey-helpers';

useTestDatabase();
const app = testApp();
const registrationOptions = async (token: string) =>
  (await request(app).post('/user/passkeys/options').set(bearer(token)).expect(200)).body;
const postPasskey = (token: string, body: object) => request(app).post('/user/passkeys').set(bearer(token)).send(body);

describe('POST /user/passkeys/options', () => {
  it('answers creation options for the relying party, the user and a fresh challenge, resident key and user verification preferred', async () => {
    const user = await verifiedUser(app);

    const options = await registrationOptions(user.token);

    expect(options.rp).toEqual({ name: 'authgate', id: 'localhost' });
    expect(options.user).toEqual({ id: expect.any(String), name: user.email, displayName: user.name });
    expect(options.challenge).toMatch(/^[\w-]{43}$/);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'preferred', userVerification: 'preferred' });
    expect(options.excludeCredentials).toEqual([]);
    expect(await PasskeyChallenge.countDocuments({ challenge: options.challenge, ceremony: 'register' })).toBe(1);
  });

  it('excludes the passkeys the user already has', async () => {
    const user = await userWithPasskey(app);

    const options = await registrationOptions(user.token);

    expect(options.excludeCredentials).toEqual([
      { id: user.authenticator.id, type: 'public-key', transports: ['internal'] },
    ]);
  });

  it('answers 401 without an access token', async () => {
    await request(app).post('/user/passkeys/options').expect(401);
  });
});

describe('POST /user/passkeys', () => {
  it('registers the passkey: 201 with its view, then listed, and counted by GET /user/mfa', async () => {
    const user = await verifiedUser(app);
    const authenticator = new SoftAuthenticator();

    const res = await postPasskey(user.token, {
      response: authenticator.register(await registrationOptions(user.token)),
      name: '  Laptop  ',
    });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Laptop',
      createdAt: expect.any(String),
      lastUsedAt: null,
    });
    await request(app).get('/user/passkeys').set(bearer(user.token)).expect(200, [res.body]);
    await request(app)
      .get('/user/mfa')
      .set(bearer(user.token))
      .expect(200, { totp: false, recoveryCodesLeft: 0, passkeys: 1 });
  });

  it('names an unnamed passkey by its number', async () => {
    const user = await verifiedUser(app);
    await addPasskey(app, user);
    await addPasskey(app, user);

    const list = (await request(app).get('/user/passkeys').set(bearer(user.token)).expect(200)).body;

    expect(list.map((passkey: { name: string }) => passkey.name)).toEqual(['Passkey 1', 'Passkey 2']);
  });

  it('answers 400 INVALID_PASSKEY for a challenge used once already, and stores nothing', async () => {
    const user = await verifiedUser(app);
    const options = await registrationOptions(user.token);
    await postPasskey(user.token, { response: new SoftAuthenticator().register(options) }).expect(201);

    const res = await postPasskey(user.token, { response: new SoftAuthenticator().register(options) });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_PASSKEY');
    await request(app)
      .get('/user/passkeys')
      .set(bearer(user.token))
      .expect(200)
      .expect((list) => expect(list.body).toHaveLength(1));
  });

  it("answers 400 INVALID_PASSKEY for an answer to another user's challenge, which stays usable by its user", async () => {
    const [ada, eve] = [await verifiedUser(app), await verifiedUser(app)];
    const adaOptions = await registrationOptions(ada.token);

    const res = await postPasskey(eve.token, { response: new SoftAuthenticator().register(adaOptions) });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_PASSKEY');
    expect(await Passkey.countDocuments({ userId: idOf(eve) })).toBe(0);
    await postPasskey(ada.token, { response: new SoftAuthenticator().register(adaOptions) }).expect(201);
  });

  it('answers 400 INVALID_PASSKEY for a registration signed over a login challenge: a challenge serves its own ceremony', async () => {
    const user = await verifiedUser(app);
    const creation = await registrationOptions(user.token);
    const login = (await request(app).post('/auth/passkey/options').send({ email: user.email }).expect(200)).body;

    const res = await postPasskey(user.token, {
      response: new SoftAuthenticator().register({ ...creation, challenge: login.options.challenge }),
    });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_PASSKEY');
    expect(await PasskeyChallenge.countDocuments({ challengeId: login.challengeId, usedAt: null })).toBe(1);
  });

  it('answers 400 INVALID_PASSKEY for an expired challenge', async () => {
    const user = await verifiedUser(app);
    const options = await registrationOptions(user.token);
    await PasskeyChallenge.updateOne(
      { challenge: options.challenge },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );

    const res = await postPasskey(user.token, { response: new SoftAuthenticator().register(options) });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_PASSKEY');
  });

  it('answers 400 INVALID_PASSKEY for a credential that another account registered: a credential id belongs to one account', async () => {
    const ada = await userWithPasskey(app);
    const eve = await verifiedUser(app);

    const res = await postPasskey(eve.token, {
      response: ada.authenticator.register(await registrationOptions(eve.token)),
    });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_PASSKEY');
    await request(app).get('/user/passkeys').set(bearer(eve.token)).expect(200, []);
  });

  it('answers 400 INVALID_PASSKEY for an answer made on another origin, or signed over a tampered clientDataJSON', async () => {
    const user = await verifiedUser(app);
    const phished = new SoftAuthenticator({ origin: 'https://evil.example' }).register(
      await registrationOptions(user.token),
    );
    const tampered = new SoftAuthenticator().register(await registrationOptions(user.token));
    tampered.response.clientDataJSON = Buffer.from('{"type":"webauthn.get"}').toString('base64url');

    for (const response of [phished, tampered]) {
      const res = await postPasskey(user.token, { response });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_PASSKEY');
    }
    await request(app).get('/user/passkeys').set(bearer(user.token)).expect(200, []);
  });

  it('answers 400 VALIDATION_FAILED for a missing or malformed response', async () => {
    const user = await verifiedUser(app);

    for (const body of [
      {},
      { response: 'x' },
      { response: { id: { $gt: '' }, rawId: 'a', type: 'public-key', response: {} } },
    ]) {
      const res = await postPasskey(user.token, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('DELETE /user/passkeys/:id', () => {
  it('removes the passkey: 204, then 404 PASSKEY_NOT_FOUND, and it is no longer listed', async () => {
    const user = await userWithPasskey(app);

    await request(app).delete(`/user/passkeys/${user.passkeyId}`).set(bearer(user.token)).expect(204);
    const again = await request(app).delete(`/user/passkeys/${user.passkeyId}`).set(bearer(user.token));

    expect(again.status).toBe(404);
    expect(again.body.code).toBe('PASSKEY_NOT_FOUND');
    await request(app).get('/user/passkeys').set(bearer(user.token)).expect(200, []);
  });

  it("answers 404 PASSKEY_NOT_FOUND for another user's passkey or a malformed id, and removes nothing", async () => {
    const ada = await userWithPasskey(app);
    const eve = await verifiedUser(app);

    await request(app).delete(`/user/passkeys/${ada.passkeyId}`).set(bearer(eve.token)).expect(404);
    await request(app).delete('/user/passkeys/not-an-id').set(bearer(eve.token)).expect(404);

    expect(await Passkey.exists({ _id: ada.passkeyId })).not.toBeNull();
  });
});

describe('DELETE /user/myprofile of an account with passkeys', () => {
  it('removes its passkeys with it', async () => {
    const user = await userWithPasskey(app);

    await request(app).delete('/user/myprofile').set(bearer(user.token)).send({ password: user.password }).expect(204);

    expect(await Passkey.countDocuments({ userId: idOf(user) })).toBe(0);
  });
});

const idOf = (user: { token: string }) => JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString()).sub;
