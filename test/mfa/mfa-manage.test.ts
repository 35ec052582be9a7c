import { request } from '../helpers/request';
import { bearer, registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { awayFromStepEdge, totpCode } from '../helpers/totp';
import { mfaTokenFor, userWithTotp } from './mfa-helpers';

useTestDatabase();
const app = testApp();

describe('DELETE /user/mfa/totp', () => {
  it('turns TOTP off with the password and a code: the recovery codes go, and login asks for no code', async () => {
    const user = await userWithTotp(app);
    await awayFromStepEdge();

    await request(app)
      .delete('/user/mfa/totp')
      .set(bearer(user.token))
      .send({ password: user.password, code: totpCode(user.secret, 1) })
      .expect(204);

    await request(app)
      .get('/user/mfa')
      .set(bearer(user.token))
      .expect(200, { totp: false, recoveryCodesLeft: 0, passkeys: 0 });
    const login = await request(app)
      .post('/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(login.body.auth).toBe(true);
  });

  it('takes a recovery code instead of a TOTP code', async () => {
    const user = await userWithTotp(app);

    await request(app)
      .delete('/user/mfa/totp')
      .set(bearer(user.token))
      .send({ password: user.password, code: user.recoveryCodes[3] })
      .expect(204);
  });

  it('answers 401 INVALID_MFA_CODE for a wrong code and leaves TOTP on', async () => {
    const user = await userWithTotp(app);

    const res = await request(app)
      .delete('/user/mfa/totp')
      .set(bearer(user.token))
      .send({ password: user.password, code: 'aaaaa-aaaaa' });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_MFA_CODE');
    await request(app)
      .get('/user/mfa')
      .set(bearer(user.token))
      .expect(200, { totp: true, recoveryCodesLeft: 10, passkeys: 0 });
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password and spends no code', async () => {
    const user = await userWithTotp(app);

    await request(app)
      .delete('/user/mfa/totp')
      .set(bearer(user.token))
      .send({ password: 'wrong password', code: user.recoveryCodes[0] })
      .expect(401);

    await request(app)
      .get('/user/mfa')
      .set(bearer(user.token))
      .expect(200, { totp: true, recoveryCodesLeft: 10, passkeys: 0 });
  });

  it('answers 400 MFA_NOT_ENABLED when TOTP is off', async () => {
    const user = await registerUser(app);

    const res = await request(app)
      .delete('/user/mfa/totp')
      .set(bearer(user.token))
      .send({ password: user.password, code: '123456' });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MFA_NOT_ENABLED');
  });
});

describe('POST /user/mfa/recovery-codes', () => {
  it('answers a new set of 10 and kills the old set', async () => {
    const user = await userWithTotp(app);

    const res = await request(app)
      .post('/user/mfa/recovery-codes')
      .set(bearer(user.token))
      .send({ password: user.password, code: user.recoveryCodes[0] });

    expect(res.status).toBe(200);
    expect(res.body.recoveryCodes).toHaveLength(10);
    await request(app)
      .post('/auth/mfa/verify')
      .send({ mfaToken: await mfaTokenFor(app, user), recoveryCode: user.recoveryCodes[1] })
      .expect(401);
    await request(app)
      .post('/auth/mfa/verify')
      .send({ mfaToken: await mfaTokenFor(app, user), recoveryCode: res.body.recoveryCodes[0] })
      .expect(200);
  });

  it('answers 400 MFA_NOT_ENABLED when TOTP is off', async () => {
    const user = await registerUser(app);

    const res = await request(app)
      .post('/user/mfa/recovery-codes')
      .set(bearer(user.token))
      .send({ password: user.password, code: '123456' });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MFA_NOT_ENABLED');
  });
});

describe('the TOTP secret', () => {
  it('appears in no response after the enrollment: not in the profile, the MFA status or the sessions', async () => {
    const user = await userWithTotp(app);

    const answers = await Promise.all(
      ['/user/myprofile', '/user/mfa', '/user/sessions'].map((path) => request(app).get(path).set(bearer(user.token))),
    );

    answers.forEach((res) => expect(res.text).not.toContain(user.secret));
    answers.forEach((res) => expect(res.text).not.toMatch(/totpSecret|pendingSecret|recoveryCodes"/));
  });
});
