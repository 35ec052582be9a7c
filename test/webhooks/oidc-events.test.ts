import { useTestDatabase } from '../helpers/database';
import { startOidcWorld, throughProvider, verifiedLogin, visit, cookieFrom, type OidcWorld } from '../helpers/oidc';
import { request } from '../helpers/request';
import { deliveryPass, subscribe, webhookEnv } from './helpers';
import { Receiver } from './receiver';

useTestDatabase();
let world: OidcWorld;
let receiver: Receiver;
beforeAll(async () => {
  [world, receiver] = await Promise.all([startOidcWorld(webhookEnv()), Receiver.start()]);
  await subscribe(world.app, receiver, ['user.created']);
});
afterAll(() => Promise.all([world.stop(), receiver.stop()]));

/** A first sign-in through the provider, as far as the callback: the account exists from then on. */
async function signIn(login: string): Promise<void> {
  const start = await request(world.app).get('/auth/oidc/test/start?redirect=%2Fwelcome').expect(302);
  const callbackUrl = await throughProvider(start.headers.location, login, world.apiUrl);
  const location = await visit(callbackUrl, cookieFrom(start.headers['set-cookie']));
  expect(location).toContain('#code=');
}

describe('an account made by a first OIDC sign-in', () => {
  it('sends user.created once, with the verified profile, and nothing on the next sign-in', async () => {
    const login = verifiedLogin();

    await signIn(login);
    await signIn(login);
    await deliveryPass()();

    const created = receiver.ofType('user.created').filter((message) => message.event.data.email === login);
    expect(created).toHaveLength(1);
    expect(created[0].event.data).toMatchObject({ email: login, emailVerified: true });
    expect(created[0].verifiedBy).toHaveLength(1);
    expect(created[0].body).not.toMatch(/password|token|secret|subject|sub"/i);
  });
});
