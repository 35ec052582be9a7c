import { bearer } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { verifiedUser } from '../helpers/lifecycle';
import { Mailbox } from '../helpers/mailbox';
import { cookieFrom, startOidcWorld, throughProvider, visit, type OidcWorld } from '../helpers/oidc';
import { request } from '../helpers/request';
import { awayFromStepEdge, totpCode } from '../helpers/totp';
import { addPasskey } from '../passkeys/passkey-helpers';

useTestDatabase();
let mailbox: Mailbox;
let world: OidcWorld;
beforeAll(async () => {
  mailbox = await Mailbox.start();
  world = await startOidcWorld(mailbox.env());
});
afterAll(async () => {
  await world.stop();
  await mailbox.stop();
});
const SUBJECT = 'a new way to sign in was added';

describe('a notice to the account when a way to sign in is added', () => {
  it('is mailed for a passkey, naming it, with what to do if it was not the owner', async () => {
    const user = await verifiedUser(world.app);

    await addPasskey(world.app, user, undefined, 'Thief phone');

    const notice = await mailbox.waitFor(user.email, SUBJECT);
    expect(notice.text).toContain('A passkey ("Thief phone")');
    expect(notice.text).toContain('If this was not you');
  });

  it('is mailed when TOTP is turned on', async () => {
    const user = await verifiedUser(world.app);
    const { secret } = (
      await request(world.app).post('/user/mfa/totp').set(bearer(user.token)).send({ password: user.password })
    ).body;
    await awayFromStepEdge();

    await request(world.app)
      .post('/user/mfa/totp/confirm')
      .set(bearer(user.token))
      .send({ code: totpCode(secret) })
      .expect(200);

    expect((await mailbox.waitFor(user.email, SUBJECT)).text).toContain('An authenticator app (TOTP)');
  });

  it('is mailed when an identity is linked', async () => {
    const user = await verifiedUser(world.app);
    const started = await request(world.app).post('/user/identities/test/start').set(bearer(user.token)).expect(200);

    await visit(
      await throughProvider(started.body.url, `linked-${user.email}`, world.apiUrl),
      cookieFrom(started.headers['set-cookie']),
    );

    expect((await mailbox.waitFor(user.email, SUBJECT)).text).toContain('Your identity at test');
  });

  it('is not mailed when nothing was added', async () => {
    const user = await verifiedUser(world.app);

    await request(world.app).post('/user/passkeys/options').set(bearer(user.token)).expect(200);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailbox.to(user.email, SUBJECT)).toEqual([]);
  });
});
