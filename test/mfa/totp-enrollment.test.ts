import { request } from '../helpers/request';
import { bearer, testApp } from '../helpers/app';
import { verifiedUser } from '../helpers/lifecycle';
import { useTestDatabase } from '../helpers/database';
import { awayFromStepEdge, totpCode } from '../helpers/totp';
import { User } from '../../src/users/user.model';

useTestDatabase();
const app = testApp();

describe('POST /user/mfa/totp', () => {
  it('answers a 160-bit base32 secret, its otpauth URI and a QR code made locally as SVG; TOTP is not on yet', async () => {
    const user = await verifiedUser(app);

    const res = await request(app).post('/user/mfa/totp').set(bearer(user.token)).send({ password: user.password });

    expect(res.status).toBe(200);
    expect(res.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(res.body.otpauthUri).toBe(
      `otpauth://totp/authgate:${encodeURIComponent(user.email)}?issuer=authgate&secret=${res.body.secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(res.body.qrCodeSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    await request(app)
      .get('/user/mfa')
      .set(bearer(user.token))
      .expect(200, { totp: false, recoveryCodesLeft: 0, passkeys: 0 });
    await request(app)
      .post('/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200)
      .expect((login) => expect(login.body.auth).toBe(true));
  });

  it('keeps the secret sealed at rest: the stored value is neither the secret nor its base32 text', async () => {
    const user = await verifiedUser(app);

    const { secret } = (
      await request(app).post('/user/mfa/totp').set(bearer(user.token)).send({ password: user.password }).expect(200)
    ).body;

    const stored = (await User.findOne({ email: user.email }).select('+mfa').lean())!.mfa!;
    expect(stored.pendingSecret).not.toContain(secret);
    expect(stored.pendingSecret).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password and starts nothing', async () => {
    const user = await verifiedUser(app);

    const res = await request(app)
      .post('/user/mfa/totp')
      .set(bearer(user.token))
      .send({ password: 'not the password' });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    expect((await User.findOne({ email: user.email }).select('+mfa').lean())!.mfa).toBeUndefined();
  });
});

describe('POST /user/mfa/totp/confirm', () => {
  it('turns TOTP on with a right code and answers 10 distinct recovery codes, once', async () => {
    const user = await verifiedUser(app);
    const { secret } = (
      await request(app).post('/user/mfa/totp').set(bearer(user.token)).send({ password: user.password })
    ).body;
    await awayFromStepEdge();

    const res = await request(app)
      .post('/user/mfa/totp/confirm')
      .set(bearer(user.token))
      .send({ code: totpCode(secret) });

    expect(res.status).toBe(200);
    expect(res.body.recoveryCodes).toHaveLength(10);
    expect(new Set(res.body.recoveryCodes).size).toBe(10);
    res.body.recoveryCodes.forEach((code: string) => expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/));
    await request(app)
      .get('/user/mfa')
      .set(bearer(user.token))
      .expect(200, { totp: true, recoveryCodesLeft: 10, passkeys: 0 });
    await request(app)
      .post('/user/mfa/totp')
      .set(bearer(user.token))
      .send({ password: user.password })
      .expect(409)
      .expect((again) => expect(again.body.code).toBe('MFA_ALREADY_ENABLED'));
  });

  it('answers 401 INVALID_MFA_CODE for a wrong code and leaves TOTP off', async () => {
    const user = await verifiedUser(app);
    const { secret } = (
      await request(app).post('/user/mfa/totp').set(bearer(user.token)).send({ password: user.password })
    ).body;
    await awayFromStepEdge();

    const res = await request(app)
      .post('/user/mfa/totp/confirm')
      .set(bearer(user.token))
      .send({ code: totpCode(secret, 2) });

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_MFA_CODE');
    await request(app)
      .get('/user/mfa')
      .set(bearer(user.token))
      .expect(200, { totp: false, recoveryCodesLeft: 0, passkeys: 0 });
  });

  it('answers 409 MFA_NOT_ENABLED when no enrollment was started (the state is wrong, not the request)', async () => {
    const user = await verifiedUser(app);

    const res = await request(app).post('/user/mfa/totp/confirm').set(bearer(user.token)).send({ code: '123456' });

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MFA_NOT_ENABLED');
  });

  it.each([['12345'], ['1234567'], ['abcdef'], [123456]])(
    'answers 400 VALIDATION_FAILED for the malformed code %p',
    async (code) => {
      const user = await verifiedUser(app);

      const res = await request(app).post('/user/mfa/totp/confirm').set(bearer(user.token)).send({ code });

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    },
  );
});
