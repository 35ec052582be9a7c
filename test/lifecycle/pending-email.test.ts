import type { Express } from 'express';
import { bearer, logIn, registerUser, testApp, uniqueEmail, type TestUser } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { resetThroughMail } from '../helpers/lifecycle';
import { Mailbox, tokenIn } from '../helpers/mailbox';
import { request } from '../helpers/request';

useTestDatabase();
let mailbox: Mailbox;
let app: Express;
beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = testApp(mailbox.env());
});
afterAll(() => mailbox.stop());

const profileOf = async (token: string) =>
  (await request(app).get('/user/myprofile').set(bearer(token)).expect(200)).body;

/** PUT /user/email from a session of `who`, and the link that reached the new address. */
async function askToChange(token: string, password: string, newEmail = uniqueEmail()) {
  await request(app).put('/user/email').set(bearer(token)).send({ newEmail, password }).expect(202);
  const link = tokenIn(await mailbox.waitFor(newEmail, 'confirm your new email address'), 'verify-email');
  return { newEmail, link };
}
const useLink = (token: string) => request(app).post('/auth/verify-email').send({ token });

async function expectDead(link: string, owner: TestUser, token?: string) {
  const res = await useLink(link).expect(400);
  expect(res.body.code).toBe('INVALID_TOKEN');
  if (token) expect(await profileOf(token)).toMatchObject({ email: owner.email, pendingEmail: null });
}

describe('a pending email change (the unexpired email change attack)', () => {
  it("dies with the owner's reset: the thief's link answers 400 INVALID_TOKEN and the address stays the owner's", async () => {
    const owner = await registerUser(app);
    const thief = await logIn(app, owner, 'thief'); // a stolen password, a session of the thief's own
    const { link } = await askToChange(thief.token, owner.password, `thief-${uniqueEmail()}`);

    await resetThroughMail(app, mailbox, owner.email, 'the owner is back'); // nothing else: the reset alone ends it

    await expectDead(link, owner);
    await request(app).post('/auth/login').send({ email: owner.email, password: 'the owner is back' }).expect(200);
  });

  it('dies with a password change', async () => {
    const owner = await registerUser(app);
    const { link } = await askToChange(owner.token, owner.password);

    await request(app)
      .put('/user/password')
      .set(bearer(owner.token))
      .send({ currentPassword: owner.password, newPassword: 'a new password here' })
      .expect(204);

    await expectDead(link, owner, owner.token);
  });

  it('dies with "log out everywhere"', async () => {
    const owner = await registerUser(app);
    const { link } = await askToChange(owner.token, owner.password);

    await request(app).delete('/user/sessions').set(bearer(owner.token)).expect(204);

    await expectDead(link, owner);
    expect((await profileOf((await logIn(app, owner)).token)).pendingEmail).toBeNull();
  });

  it('dies with a newer change request: only the newest link works', async () => {
    const owner = await registerUser(app);
    const first = await askToChange(owner.token, owner.password);
    const second = await askToChange(owner.token, owner.password);

    await expectDead(first.link, owner);
    await useLink(second.link).expect(200);
    expect(await profileOf(owner.token)).toMatchObject({ email: second.newEmail, pendingEmail: null });
  });

  it('shows in the profile as pendingEmail, and DELETE /user/email cancels it: 204, its link dead', async () => {
    const owner = await registerUser(app);
    expect((await profileOf(owner.token)).pendingEmail).toBeNull();
    const { newEmail, link } = await askToChange(owner.token, owner.password);
    expect((await profileOf(owner.token)).pendingEmail).toBe(newEmail);

    await request(app).delete('/user/email').set(bearer(owner.token)).expect(204);

    await expectDead(link, owner, owner.token);
  });

  it('answers DELETE /user/email with 204 when nothing is pending', async () => {
    const owner = await registerUser(app);

    await request(app).delete('/user/email').set(bearer(owner.token)).expect(204);
  });
});
