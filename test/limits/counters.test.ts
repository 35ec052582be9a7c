import { createHash } from 'node:crypto';
import { request } from '../helpers/request';
import { AccountAttempt } from '../../src/limits/account-attempts';
import { RateLimit } from '../../src/limits/rate-limit.model';
import { testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const keyOf = (value: string) => createHash('sha256').update(value).digest('base64url');

describe('rate-limit counters shared by two app instances', () => {
  it('lose no count under parallel requests: 40 failed logins split across two instances count 40', async () => {
    const instances = [
      testApp({ RATE_LIMIT_ACCOUNT_FAILURES: '1000' }),
      testApp({ RATE_LIMIT_ACCOUNT_FAILURES: '1000' }),
    ];
    const email = uniqueEmail();

    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(instances[i % 2])
          .post('/auth/login')
          .send({ email, password: 'wrong password' }),
      ),
    );

    expect(responses.every((res) => res.status === 401)).toBe(true);
    const counter = await AccountAttempt.findById(keyOf(email)).lean();
    expect(counter).toMatchObject({ failures: 40, pending: 0 });
  });

  it('store no email address, only its hash', async () => {
    const app = testApp({ RATE_LIMIT_ACCOUNT_FAILURES: '5' });
    const email = uniqueEmail();

    await request(app).post('/auth/login').send({ email, password: 'wrong password' }).expect(401);

    expect(JSON.stringify(await RateLimit.find().lean())).not.toContain(email);
    expect(JSON.stringify(await AccountAttempt.find().lean())).not.toContain(email);
  });
});
