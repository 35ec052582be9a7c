import type { Express } from 'express';
import { tokenIn, type Mailbox, type ReceivedMail } from '../helpers/mailbox';
import { request } from '../helpers/request';

export const SUBJECT = 'your sign-in code';
export const codeIn = (mail: ReceivedMail) => /your sign-in code (\d{6})/.exec(mail.subject)![1];

/** POST /auth/email/start, then the mail it sent (the count-th to this address). */
export async function signInMail(app: Express, mailbox: Mailbox, email: string) {
  const count = mailbox.to(email, SUBJECT).length + 1;
  await request(app).post('/auth/email/start').send({ email }).expect(202);
  const mail = await mailbox.waitFor(email, SUBJECT, count);
  return { mail, token: tokenIn(mail, 'sign-in'), code: codeIn(mail) };
}

export const verify = (app: Express, body: object) => request(app).post('/auth/email/verify').send(body);
