import bcrypt from 'bcrypt';
import { request } from '../helpers/request';
import { registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { User } from '../../src/users/user.model';

useTestDatabase();
const storedHash = async (email: string) => (await User.findOne({ email }).select('+password').lean())!.password ?? '';

// BCRYPT_COST raised from 10 to 11 over accounts registered at 10.
describe('an account whose hash is of a lower cost than BCRYPT_COST', () => {
  it('is hashed again at the configured cost on its next successful login, and still logs in', async () => {
    const user = await registerUser(testApp({ BCRYPT_COST: '10' }));
    const raised = testApp({ BCRYPT_COST: '11' });

    await request(raised).post('/auth/login').send({ email: user.email, password: user.password }).expect(200);

    expect(bcrypt.getRounds(await storedHash(user.email))).toBe(11);
    await request(raised).post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
  });

  it('is not hashed again after a wrong password', async () => {
    const user = await registerUser(testApp({ BCRYPT_COST: '10' }));

    await request(testApp({ BCRYPT_COST: '11' }))
      .post('/auth/login')
      .send({ email: user.email, password: 'wrong password' })
      .expect(401);

    expect(bcrypt.getRounds(await storedHash(user.email))).toBe(10);
  });

  it('takes as long as an unknown email on a wrong password: a comparison at the configured cost runs too', async () => {
    const user = await registerUser(testApp({ BCRYPT_COST: '10' }));
    const compare = jest.spyOn(bcrypt, 'compare');
    try {
      await request(testApp({ BCRYPT_COST: '11' }))
        .post('/auth/login')
        .send({ email: user.email, password: 'wrong password' })
        .expect(401);

      const costs = compare.mock.calls.map(([, hash]) => bcrypt.getRounds(String(hash)));
      expect(costs.sort()).toEqual([10, 11]);
    } finally {
      compare.mockRestore();
    }
  });
});
