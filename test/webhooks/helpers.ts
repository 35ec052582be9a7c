import type { Express } from 'express';
import { createLogger } from '../../src/logger';
import { createWebhookRun } from '../../src/webhooks/worker';
import { ADMIN_KEY, adminAuth } from '../admin/admin-helpers';
import { TEST_MFA_KEY } from '../helpers/app';
import { request } from '../helpers/request';
import type { Receiver } from './receiver';

export const ALL_EVENTS = [
  'user.created',
  'user.email_verified',
  'user.email_changed',
  'user.updated',
  'user.deleted',
] as const;

/** The tests' app settings: admin routes on, the key that seals the webhook secrets fixed. */
export const webhookEnv = (env: Record<string, string> = {}) => ({
  ADMIN_API_KEYS: ADMIN_KEY,
  MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
  ...env,
});

/** The production settings of an app whose requests these tests send (its mail goes nowhere). */
export const productionEnv = (env: Record<string, string> = {}) =>
  webhookEnv({
    NODE_ENV: 'production',
    MONGODB_URI: 'mongodb://127.0.0.1:1/unused',
    SMTP_URL: 'smtp://127.0.0.1:1',
    MAIL_FROM: 'authgate <no-reply@authgate.test>',
    ...env,
  });

/**
 * One delivery pass, as the server's worker and the scheduled Lambda run it; the rules of outside production, or
 * of production (`allowHttp`: only the address rule, for a receiver on plain http).
 */
export const deliveryPass = (options: { timeoutMs?: number; production?: boolean; allowHttp?: boolean } = {}) =>
  createWebhookRun(
    {
      rules: {
        httpsOnly: Boolean(options.production) && !options.allowHttp,
        publicOnly: Boolean(options.production),
      },
      encryptionKey: Buffer.from(TEST_MFA_KEY, 'base64'),
      timeoutMs: options.timeoutMs,
    },
    createLogger('silent'),
  );

/** POST /admin/webhooks to the receiver; the receiver learns the secret. */
export async function subscribe(app: Express, receiver: Receiver, events: readonly string[] = ALL_EVENTS) {
  const res = await request(app)
    .post('/admin/webhooks')
    .set(adminAuth())
    .send({ url: receiver.url(), events, description: 'test receiver' })
    .expect(201);
  receiver.secrets.push(res.body.secret as string);
  return res.body as { id: string; secret: string };
}
