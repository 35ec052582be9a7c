import { bearer, logIn, registerUser, testApp, type TestUser } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { claimsOf, loadAuthorizer, pemPair } from '../helpers/keys';
import { request } from '../helpers/request';
import { mfaTokenFor, userWithTotp } from '../mfa/mfa-helpers';
import { tokenEvent } from '../lambda/events';
import { User } from '../../src/users/user.model';

useTestDatabase();

// The admin API that grants premium comes later: these tests write the user document directly, as it will.
const key = pemPair('ES256');
const app = testApp({ JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEYS: key.privatePem });
const authorizer = loadAuthorizer({ JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEYS: key.publicPem });
const DAY = 86_400_000;

const setUser = async (user: TestUser, fields: object) =>
  User.collection.updateOne({ email: user.email }, { $set: fields });
const refreshed = async (user: TestUser) =>
  (await request(app).post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200)).body.token as string;

describe('premium and email_verified in the claims', () => {
  it('shows a premium grant in the profile at once, in the claims after a refresh, then in the authorizer context', async () => {
    const user = await registerUser(app);
    await setUser(user, { premium: true });

    const profile = await request(app).get('/user/myprofile').set(bearer(user.token)).expect(200);
    expect(profile.body.premium).toBe(true);
    expect(claimsOf(user.token).premium).toBe(false); // signed before the grant
    const token = await refreshed(user);
    expect(claimsOf(token)).toMatchObject({ premium: true, email_verified: false });
    expect((await authorizer(tokenEvent(`Bearer ${token}`))).context).toMatchObject({
      premium: true,
      emailVerified: false,
    });
  });

  it.each([
    ['premiumEnds in the past', { premium: true, premiumEnds: new Date(Date.now() - DAY) }, false],
    ['premiumEnds in the future', { premium: true, premiumEnds: new Date(Date.now() + DAY) }, true],
    ['premiumEnds null', { premium: true, premiumEnds: null }, true],
    ['premium false with a future premiumEnds', { premium: false, premiumEnds: new Date(Date.now() + DAY) }, false],
  ])('signs premium as %s says after a refresh', async (_case, fields, premium) => {
    const user = await registerUser(app);
    await setUser(user, fields);

    expect(claimsOf(await refreshed(user)).premium).toBe(premium);
  });

  it("takes email_verified from the user document's emailVerified, true only when it is true", async () => {
    const user = await registerUser(app);
    await setUser(user, { emailVerified: true });

    const token = await refreshed(user);

    expect(claimsOf(token).email_verified).toBe(true);
    expect((await authorizer(tokenEvent(`Bearer ${token}`))).context).toMatchObject({ emailVerified: true });
  });

  it('signs the entitlements at login from the user it reads anyway', async () => {
    const user = await registerUser(app);
    await setUser(user, { premium: true, emailVerified: true });

    expect(claimsOf((await logIn(app, user)).token)).toMatchObject({ premium: true, email_verified: true });
  });

  it('signs them after the second step of an MFA login too', async () => {
    const user = await userWithTotp(app);
    await setUser(user, { premium: true });
    const mfaToken = await mfaTokenFor(app, user);

    const res = await request(app)
      .post('/auth/mfa/verify')
      .send({ mfaToken, recoveryCode: user.recoveryCodes[0] })
      .expect(200);

    expect(claimsOf(res.body.token)).toMatchObject({ premium: true, amr: ['pwd', 'mfa'] });
  });
});
