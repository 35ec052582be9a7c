import { request } from '../helpers/request';
import { User } from '../../src/users/user.model';
import { registerUser, testApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();
const app = testApp();

describe('GET /user/myprofile', () => {
  it('answers 200 with exactly the profile fields for a Bearer token', async () => {
    const user = await registerUser(app, { name: 'Grace Hopper' });

    const res = await request(app).get('/user/myprofile').set('Authorization', `Bearer ${user.token}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      name: 'Grace Hopper',
      email: user.email,
      premium: false,
      premiumEnds: null,
      emailVerified: false,
      pendingEmail: null, // v1.7
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
  });

  it('accepts a bare token, as the original clients send it', async () => {
    const user = await registerUser(app);

    const res = await request(app).get('/user/myprofile').set('Authorization', user.token);

    expect(res.status).toBe(200);
    expect(res.body.email).toBe(user.email);
  });

  it('answers null for the name of a user who registered without one', async () => {
    const user = await registerUser(app);
    await User.updateOne({ email: user.email }, { $unset: { name: 1 } });

    const res = await request(app).get('/user/myprofile').set('Authorization', `Bearer ${user.token}`);

    expect(res.body.name).toBeNull();
  });

  it('never carries the password hash in any field', async () => {
    const user = await registerUser(app);
    const stored = await User.findOne({ email: user.email }).select('+password').lean();

    const res = await request(app).get('/user/myprofile').set('Authorization', `Bearer ${user.token}`);

    expect(res.text).not.toContain(stored!.password);
    expect(res.text).not.toContain('$2b$');
    expect(res.body).not.toHaveProperty('password');
  });

  it('shows premium and premiumEnds once the account has them', async () => {
    const user = await registerUser(app);
    const premiumEnds = new Date('2030-01-01T00:00:00.000Z');
    await User.updateOne({ email: user.email }, { premium: true, premiumEnds });

    const res = await request(app).get('/user/myprofile').set('Authorization', `Bearer ${user.token}`);

    expect(res.body).toMatchObject({ premium: true, premiumEnds: premiumEnds.toISOString() });
  });

  it('answers 401 UNAUTHORIZED (v1.1, no longer 404) for a valid token whose user is gone', async () => {
    const user = await registerUser(app);
    await User.deleteOne({ email: user.email });

    const res = await request(app).get('/user/myprofile').set('Authorization', `Bearer ${user.token}`);

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
  });
});
