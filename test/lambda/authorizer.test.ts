import jwt from 'jsonwebtoken';
import { METHOD_ARN, tokenEvent } from './events';

const SECRET = 'authorizer-secret-that-is-at-least-32-chars';
process.env.JWT_SECRET = SECRET;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after JWT_SECRET is set, as Lambda does
const { handler } = require('../../src/authorizer') as typeof import('../../src/authorizer');

const userId = '6b05aeb3e31649e5290a5c1c';
const sign = (options: jwt.SignOptions = {}, secret = SECRET) =>
  jwt.sign({ id: userId, sid: '6b05aeb3e31649e5290a5c1d' }, secret, { subject: userId, expiresIn: 600, ...options });
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('the verifyJwt TOKEN authorizer', () => {
  it('allows a valid Bearer token for the whole stage, with the user id as principal and in the context', async () => {
    const result = await handler(tokenEvent(`Bearer ${sign()}`));

    expect(result.principalId).toBe(userId);
    expect(result.policyDocument.Statement).toEqual([
      {
        Action: 'execute-api:Invoke',
        Effect: 'Allow',
        Resource: 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/*/*',
      },
    ]);
    expect(result.context).toEqual({ userId, amr: '', premium: false, emailVerified: false, authTime: 0 });
    expect(
      METHOD_ARN.startsWith(String((result.policyDocument.Statement[0] as { Resource: string }).Resource).slice(0, -3)),
    ).toBe(true);
  });

  it("passes the token's amr in the context, as space-separated method names", async () => {
    const token = jwt.sign({ id: userId, sid: '6b05aeb3e31649e5290a5c1d', amr: ['pwd', 'otp'] }, SECRET, {
      subject: userId,
      expiresIn: 600,
    });

    const result = await handler(tokenEvent(`Bearer ${token}`));

    expect(result.context).toEqual({ userId, amr: 'pwd otp', premium: false, emailVerified: false, authTime: 0 });
  });

  it("passes the token's auth_time in the context, in seconds", async () => {
    const token = jwt.sign({ id: userId, sid: '6b05aeb3e31649e5290a5c1d', auth_time: 1_790_000_000 }, SECRET, {
      subject: userId,
      expiresIn: 600,
    });

    const result = await handler(tokenEvent(`Bearer ${token}`));

    expect(result.context).toMatchObject({ userId, authTime: 1_790_000_000 });
  });

  it('allows a bare token, as the original clients send it', async () => {
    expect((await handler(tokenEvent(sign()))).principalId).toBe(userId);
  });

  const now = Math.floor(Date.now() / 1000);
  it.each([
    ['an expired token', () => sign({ expiresIn: -10 })],
    [
      'alg none',
      () =>
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: userId, id: userId, iat: now, exp: now + 60 })}.`,
    ],
    ['an HS512 token', () => sign({ algorithm: 'HS512' })],
    ['a token signed with another secret', () => sign({}, 'another-secret-that-is-at-least-32-chars')],
    [
      'a tampered payload',
      () => {
        const [h, , s] = sign().split('.');
        return `${h}.${base64url({ sub: 'someone-else', exp: now + 60, iat: now })}.${s}`;
      },
    ],
    ['a missing token', () => ''],
    ['a Basic credential', () => 'Basic dXNlcjpwYXNz'],
  ])('throws Error("Unauthorized") for %s, so API Gateway answers 401', async (_case, token) => {
    await expect(handler(tokenEvent(token()))).rejects.toThrow(new Error('Unauthorized'));
  });
});
