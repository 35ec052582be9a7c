import type { Express } from 'express';
import { adminAuth } from '../admin/admin-helpers';
import { bearer, registerUser, testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { resetThroughMail } from '../helpers/lifecycle';
import { Mailbox, tokenIn } from '../helpers/mailbox';
import { request } from '../helpers/request';
import { signInMail, verify } from '../email-sign-in/helpers';
import { User } from '../../src/users/user.model';
import { deliveryPass, subscribe, webhookEnv } from './helpers';
import { Receiver, type Received } from './receiver';

useTestDatabase();
let mailbox: Mailbox;
let receiver: Receiver;
let app: Express;
const pass = deliveryPass();
const PROFILE_FIELDS = [
  'createdAt',
  'email',
  'emailVerified',
  'id',
  'name',
  'pendingEmail',
  'premium',
  'premiumEnds',
  'updatedAt',
];

beforeAll(async () => {
  [mailbox, receiver] = await Promise.all([Mailbox.start(), Receiver.start()]);
  app = testApp(webhookEnv({ ...mailbox.env(), EMAIL_SIGN_UP: 'true' }));
  await subscribe(app, receiver);
});
afterAll(() => Promise.all([mailbox.stop(), receiver.stop()]));

/** The events of this type about this address or user id, after a delivery pass. */
async function eventsAbout(type: string, who: string): Promise<Received[]> {
  await pass();
  return receiver.ofType(type).filter((message) => message.event.data.email === who || message.event.data.id === who);
}

/** Signed by the endpoint's secret (checked by standardwebhooks), a profile and nothing more. */
function expectProfileEvent(message: Received) {
  expect(message.verifiedBy).toHaveLength(1);
  expect(Object.keys(message.event.data).sort()).toEqual(PROFILE_FIELDS);
  expect(message.body).not.toMatch(/password|\$2[aby]\$|token|secret|mfa|pendingEvents|code/i);
  expect(new Date(message.event.timestamp).toISOString()).toBe(message.event.timestamp);
}

const idOf = async (email: string) => (await User.findOne({ email }).lean())!._id.toString();

describe('the user events, each sent once per change, signed, with the public profile', () => {
  it('sends user.created for a registration, with the profile and no password hash', async () => {
    const user = await registerUser(app, { name: 'Grace' });

    const [created] = await eventsAbout('user.created', user.email);

    expectProfileEvent(created);
    expect(created.event).toMatchObject({ type: 'user.created', data: { email: user.email, name: 'Grace' } });
    expect(await eventsAbout('user.created', user.email)).toHaveLength(1); // a second pass sends nothing more
  });

  it('sends user.email_verified when the mailed link is used, and not again for a second link', async () => {
    const user = await registerUser(app);
    const token = tokenIn(await mailbox.waitFor(user.email, 'confirm your email address'), 'verify-email');

    await request(app).post('/auth/verify-email').send({ token }).expect(200);

    const verified = await eventsAbout('user.email_verified', user.email);
    expect(verified).toHaveLength(1);
    expectProfileEvent(verified[0]);
    expect(verified[0].event.data).toMatchObject({ email: user.email, emailVerified: true });
  });

  it('sends user.email_changed with the new address once the change is confirmed', async () => {
    const user = await registerUser(app);
    const newEmail = uniqueEmail();
    await request(app)
      .put('/user/email')
      .set(bearer(user.token))
      .send({ newEmail, password: user.password })
      .expect(202);
    const token = tokenIn(await mailbox.waitFor(newEmail, 'confirm your new email address'), 'verify-email');
    expect(await eventsAbout('user.email_changed', newEmail)).toHaveLength(0); // nothing until it is confirmed

    await request(app).post('/auth/verify-email').send({ token }).expect(200);

    const changed = await eventsAbout('user.email_changed', newEmail);
    expect(changed).toHaveLength(1);
    expectProfileEvent(changed[0]);
    expect(changed[0].event.data).toMatchObject({ email: newEmail, id: await idOf(newEmail), pendingEmail: null });
  });

  it('sends user.updated for an admin change of premium or disabled, and nothing for a change to the same value', async () => {
    const user = await registerUser(app);
    const id = await idOf(user.email);
    const patch = (body: object) => request(app).patch(`/admin/users/${id}`).set(adminAuth()).send(body).expect(200);

    await patch({ premium: true, premiumEnds: '2030-01-01T00:00:00.000Z' });
    await patch({ premium: true });
    await patch({ disabled: true });

    const updated = await eventsAbout('user.updated', id);
    expect(updated).toHaveLength(2);
    updated.forEach(expectProfileEvent);
    expect(updated[0].event.data).toMatchObject({ premium: true, premiumEnds: '2030-01-01T00:00:00.000Z' });
  });

  it('sends user.deleted with only the id and the email when a user deletes the account', async () => {
    const user = await registerUser(app);
    const id = await idOf(user.email);

    await request(app).delete('/user/myprofile').set(bearer(user.token)).send({ password: user.password }).expect(204);

    const deleted = await eventsAbout('user.deleted', id);
    expect(deleted).toHaveLength(1);
    expect(deleted[0].event.data).toEqual({ id, email: user.email });
    expect(deleted[0].verifiedBy).toHaveLength(1);
    // the user.created it still carried leaves with it
    expect(await eventsAbout('user.created', user.email)).toHaveLength(1);
  });

  it('sends user.created for an account made by a sign-in by email (EMAIL_SIGN_UP), verified', async () => {
    const email = uniqueEmail();
    const { code } = await signInMail(app, mailbox, email);
    await verify(app, { email, code }).expect(200);

    const [created] = await eventsAbout('user.created', email);

    expectProfileEvent(created);
    expect(created.event.data).toMatchObject({ email, emailVerified: true });
  });

  it('sends user.email_verified when a sign-in by email is the first proof of the address', async () => {
    const user = await registerUser(app);
    const { code } = await signInMail(app, mailbox, user.email);
    await verify(app, { email: user.email, code }).expect(200);

    const verified = await eventsAbout('user.email_verified', user.email);
    expect(verified).toHaveLength(1);
    expect(verified[0].event.data).toMatchObject({ emailVerified: true });
  });

  it('sends user.email_verified when a password reset is the first proof of the address', async () => {
    const user = await registerUser(app);

    await resetThroughMail(app, mailbox, user.email, 'a brand new password');

    expect(await eventsAbout('user.email_verified', user.email)).toHaveLength(1);
  });
});
