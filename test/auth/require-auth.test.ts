import jwt from 'jsonwebtoken';
import { request } from '../helpers/request';
import { registerUser, TEST_SECRET, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();
const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('the JWT middleware in front of GET /user/myprofile', () => {
  let userId = '';
  let sid = '';
  let validToken = '';

  beforeAll(async () => {
    const user = await registerUser(app);
    validToken = user.token;
    ({ sub: userId, sid } = jwt.decode(validToken) as jwt.JwtPayload & { sub: string; sid: string });
  });

  const cases: Array<[string, () => string | undefined]> = [
    ['no Authorization header', () => undefined],
    ['an empty Bearer', () => 'Bearer '],
    ['a token of garbage', () => 'Bearer not.a.jwt'],
    [
      'alg none',
      () =>
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: userId, id: userId, sid, iat: now(), exp: now() + 60 })}.`,
    ],
    [
      'an HS512 token with the right secret',
      () => jwt.sign({ id: userId, sid }, TEST_SECRET, { algorithm: 'HS512', subject: userId, expiresIn: 60 }),
    ],
    [
      'an HS256 token signed with another secret',
      () => jwt.sign({ id: userId, sid }, 'x'.repeat(40), { subject: userId, expiresIn: 60 }),
    ],
    ['an expired token', () => jwt.sign({ id: userId, sid, exp: now() - 10 }, TEST_SECRET, { subject: userId })],
    [
      'a token not yet valid',
      () => jwt.sign({ id: userId, sid }, TEST_SECRET, { subject: userId, expiresIn: 600, notBefore: 300 }),
    ],
    ['a token without exp', () => jwt.sign({ id: userId, sid }, TEST_SECRET, { subject: userId })],
    ['a token without sub', () => jwt.sign({ id: userId, sid }, TEST_SECRET, { expiresIn: 60 })],
    [
      'a v1 token without sid, validly signed',
      () => jwt.sign({ id: userId }, TEST_SECRET, { subject: userId, expiresIn: 60 }),
    ],
    [
      'a validly signed token naming another user for this session',
      () => jwt.sign({ id: sid, sid }, TEST_SECRET, { subject: sid, expiresIn: 60 }),
    ],
    ['a tampered payload', () => tamper(validToken, userId)],
    ['a tampered signature', () => `${validToken.slice(0, -4)}AAAA`],
    ['a Basic scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
  ];

  it.each(cases)('answers 401 UNAUTHORIZED for %s', async (_case, header) => {
    const req = request(app).get('/user/myprofile');
    const value = header();
    const res = await (value === undefined ? req : req.set('Authorization', value));

    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('answers 200 for the valid token, in Bearer form with any case of the scheme', async () => {
    await request(app).get('/user/myprofile').set('Authorization', `bearer ${validToken}`).expect(200);
  });

  it('answers 200 for a token re-signed with the same claims, so the refusals above are about what each case changes', async () => {
    const token = jwt.sign({ id: userId, sid }, TEST_SECRET, { subject: userId, expiresIn: 60 });

    await request(app).get('/user/myprofile').set('Authorization', `Bearer ${token}`).expect(200);
  });
});

function tamper(token: string, userId: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const other = userId.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
  return [header, base64url({ ...claims, sub: other, id: other }), signature].join('.');
}
