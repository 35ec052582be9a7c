import type { Express } from 'express';
import { User } from '../../src/users/user.model';
import { registerUser, type TestUser } from './app';
import { tokenIn, type Mailbox } from './mailbox';
import { request } from './request';

/**
 * A registered user whose address counts as verified. Arranged in the database: the tests that need it are
 * about what comes after the proof of the mailbox (test/recovery/verify-email.test.ts covers the proof itself).
 */
export async function verifiedUser(app: Express, fields: Partial<TestUser> = {}): Promise<TestUser> {
  const user = await registerUser(app, fields);
  await User.updateOne({ email: user.email }, { $set: { emailVerified: true } });
  return user;
}

/** The owner's recovery: "forgot password", the link from the mailbox, a new password. */
export async function resetThroughMail(app: Express, mailbox: Mailbox, email: string, newPassword: string) {
  const before = mailbox.to(email, 'reset your password').length;
  await request(app).post('/auth/password/forgot').send({ email }).expect(202);
  const token = tokenIn(await mailbox.waitFor(email, 'reset your password', before + 1), 'reset-password');
  await request(app).post('/auth/password/reset').send({ token, newPassword }).expect(204);
}
