import { request } from '../helpers/request';
import { RateLimit } from '../../src/limits/rate-limit.model';
import { testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
beforeEach(() => RateLimit.deleteMany({}));
const login = (app: ReturnType<typeof testApp>, forwardedFor: string) =>
  request(app)
    .post('/auth/login')
    .set('X-Forwarded-For', forwardedFor)
    .send({ email: uniqueEmail(), password: 'wrong password' });

describe('the client address behind a trusted proxy', () => {
  it('is the entry the proxy wrote (counted from the right), so a spoofed left-most entry buys no fresh budget', async () => {
    const app = testApp({ RATE_LIMIT_ADDRESS_PER_MINUTE: '2', TRUST_PROXY: '1' });
    await login(app, '203.0.113.1, 198.51.100.7').expect(401);
    await login(app, '203.0.113.2, 198.51.100.7').expect(401);

    expect((await login(app, '203.0.113.3, 198.51.100.7')).status).toBe(429);
  });

  it('is believed from the listed proxy addresses only (TRUST_PROXY=127.0.0.1)', async () => {
    const app = testApp({ RATE_LIMIT_ADDRESS_PER_MINUTE: '1', TRUST_PROXY: '127.0.0.1' });
    await login(app, '198.51.100.7').expect(401);

    expect((await login(app, '198.51.100.7')).status).toBe(429);
    expect((await login(app, '198.51.100.8')).status).toBe(401);
  });
});

describe('IPv6 clients', () => {
  it("share one budget per /64: every address of a subscriber's block counts as one client", async () => {
    const app = testApp({ RATE_LIMIT_ADDRESS_PER_MINUTE: '2', TRUST_PROXY: '1' });
    await login(app, '2001:db8:1:2::1').expect(401);
    await login(app, '2001:db8:1:2:ffff:ffff:ffff:fffe').expect(401);

    expect((await login(app, '2001:0db8:0001:0002::99')).status).toBe(429);
    expect((await login(app, '2001:db8:1:3::1')).status).toBe(401);
  });

  it('count an IPv4-mapped address as its IPv4 address', async () => {
    const app = testApp({ RATE_LIMIT_ADDRESS_PER_MINUTE: '1', TRUST_PROXY: '1' });
    await login(app, '198.51.100.9').expect(401);

    expect((await login(app, '::ffff:198.51.100.9')).status).toBe(429);
  });
});

describe('forwarded addresses a proxy writes with a port', () => {
  it('count as their address: 198.51.100.7:5000 and 198.51.100.7:6000 share one budget', async () => {
    const app = testApp({ RATE_LIMIT_ADDRESS_PER_MINUTE: '1', TRUST_PROXY: '1' });
    await login(app, '198.51.100.7:5000').expect(401);

    expect((await login(app, '198.51.100.7:6000')).status).toBe(429);
    expect((await login(app, '198.51.100.8:5000')).status).toBe(401);
  });
});
