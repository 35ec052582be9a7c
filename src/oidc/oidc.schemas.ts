import { z } from 'zod';
import { RELATIVE_PATH } from './oidc.redirect';

export const startQuerySchema = z.object({
  redirect: z
    .string()
    .regex(RELATIVE_PATH, 'must be a path such as /account')
    .optional()
    .describe('a relative path of APP_URL to come back to (default /), e.g. /account; no dot segments'),
  reauthenticate: z
    .enum(['1'])
    .optional()
    .describe(
      '1: a re-authentication (contract v1.7): the provider is asked to prove the person again (prompt=login, ' +
        'max_age=0) and its ID token must say it did within 60 s; the exchange then opens a new session, ' +
        'privileged for PRIVILEGED_SESSION_MAX_AGE',
    ),
});
export const providerListSchema = z.object({ providers: z.array(z.object({ id: z.string() })) });

export const exchangeSchema = z.object({
  code: z.string().min(1).max(128).describe("the one-time code from the callback's #code="),
});
export const linkUrlSchema = z.object({
  url: z.string().describe("the provider's authorization URL: send the browser there"),
});
export const identityViewSchema = z.object({
  provider: z.string(),
  subject: z.string(),
  email: z.string().nullable(),
  linkedAt: z.string().datetime({ offset: true }),
});

export type IdentityView = z.infer<typeof identityViewSchema>;
