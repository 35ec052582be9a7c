import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { SoftAuthenticator } from '../helpers/authenticator';
import { request } from '../helpers/request';
import { User } from '../../src/users/user.model';
import { Passkey } from '../../src/passkeys/passkey.model';

useTestDatabase();
const app = testApp();
const verify = (email: string) => User.updateOne({ email }, { $set: { emailVerified: true } });

describe('an account whose address is not verified yet (the trojan identifier attack)', () => {
  it('cannot start adding a passkey: 403 EMAIL_NOT_VERIFIED', async () => {
    const attacker = await registerUser(app, { email: 'victim-passkey@example.com' });

    const res = await request(app).post('/user/passkeys/options').set(bearer(attacker.token)).expect(403);

    expect(res.body.code).toBe('EMAIL_NOT_VERIFIED');
  });

  it('cannot finish adding one either, with options it got while verified: nothing is stored', async () => {
    const attacker = await registerUser(app);
    await verify(attacker.email);
    const options = (await request(app).post('/user/passkeys/options').set(bearer(attacker.token)).expect(200)).body;
    await User.updateOne({ email: attacker.email }, { $set: { emailVerified: false } });

    const res = await request(app)
      .post('/user/passkeys')
      .set(bearer(attacker.token))
      .send({ response: new SoftAuthenticator().register(options) })
      .expect(403);

    expect(res.body.code).toBe('EMAIL_NOT_VERIFIED');
    expect(await Passkey.countDocuments({})).toBe(0);
  });

  it('cannot turn TOTP on: 403 EMAIL_NOT_VERIFIED, and no enrollment is kept', async () => {
    const attacker = await registerUser(app);

    const res = await request(app)
      .post('/user/mfa/totp')
      .set(bearer(attacker.token))
      .send({ password: attacker.password })
      .expect(403);

    expect(res.body.code).toBe('EMAIL_NOT_VERIFIED');
    expect((await User.findOne({ email: attacker.email }).select('+mfa').lean())?.mfa).toBeUndefined();
  });

  it('cannot confirm a TOTP enrollment either', async () => {
    const attacker = await registerUser(app);

    const res = await request(app)
      .post('/user/mfa/totp/confirm')
      .set(bearer(attacker.token))
      .send({ code: '123456' })
      .expect(403);

    expect(res.body.code).toBe('EMAIL_NOT_VERIFIED');
  });

  it('can once the address is verified', async () => {
    const owner = await registerUser(app);
    await verify(owner.email);

    await request(app).post('/user/passkeys/options').set(bearer(owner.token)).expect(200);
    await request(app).post('/user/mfa/totp').set(bearer(owner.token)).send({ password: owner.password }).expect(200);
  });
});
