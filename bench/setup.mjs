// What every bench script shares: the server's environment, seeded users, and the routes under load.
import { startMailSink } from '../scripts/mail-sink.mjs';

// production mode sends mail through SMTP only: a real SMTP server on loopback receives the registrations' links
const mailSink = await startMailSink();
/** Lets the bench process end: the mail server would keep it alive. */
export const stopMailSink = () => mailSink.stop();

/** The product's defaults (LOG_LEVEL=info: the request log is part of the product), address limits off. */
export function benchEnv(uri, name = `authgate-bench-${Date.now()}`) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    MONGODB_URI: `${uri.replace(/\/$/, '')}/${name}`,
    JWT_SECRET: 'bench-secret-'.repeat(4),
    MFA_ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
    ...mailSink.env,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '0',
  };
}

/** Registers users through the real route: { email, token, id } each. */
export async function seedUsers(base, count) {
  const users = [];
  for (let i = 0; i < count; i++) {
    const email = `seed-${Date.now()}-${i}@example.com`;
    const res = await fetch(`${base}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse' }),
    });
    const { token } = await res.json();
    users.push({ email, token, id: JSON.parse(Buffer.from(token.split('.')[1], 'base64url')).sub });
  }
  return users;
}

/** route name -> (i) => the i-th request. */
export function routesFor(users) {
  const pick = (i) => users[i % users.length];
  return {
    bare: (i) => ({ method: 'GET', path: `/bench/bare/${pick(i).id}` }),
    profile: (i) => ({ method: 'GET', path: '/user/myprofile', headers: { authorization: `Bearer ${pick(i).token}` } }),
    v1Profile: (i) => ({
      method: 'GET',
      path: '/bench/v1-profile',
      headers: { authorization: `Bearer ${pick(i).token}` },
    }),
    login: (i) => ({
      method: 'POST',
      path: '/auth/login',
      body: JSON.stringify({ email: pick(i).email, password: 'correct horse' }),
    }),
    register: (i) => ({
      method: 'POST',
      path: '/auth/register',
      body: JSON.stringify({ email: `bench-${Date.now()}-${i}@example.com`, password: 'correct horse' }),
    }),
  };
}
