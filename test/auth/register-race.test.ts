import { request } from '../helpers/request';
import { User } from '../../src/users/user.model';
import { testApp, uniqueEmail } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();

describe('fifty parallel registrations of one email', () => {
  it('give exactly one 201 and forty-nine 409 EMAIL_TAKEN, no 5xx, and one stored user', async () => {
    const email = uniqueEmail();

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(app)
          .post('/auth/register')
          .send({ email, password: `password-${i}` }),
      ),
    );

    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect(responses.filter((res) => res.status === 409).every((res) => res.body.code === 'EMAIL_TAKEN')).toBe(true);
    expect(await User.countDocuments({ email })).toBe(1);
  });
});
