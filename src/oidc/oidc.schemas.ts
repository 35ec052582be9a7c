import { z } from 'zod';
import { RELATIVE_PATH } from './oidc.redirect';

export const startQuerySchema = z.object({
  redirect: z
    .string()
    .regex(RELATIVE_PATH, 'must be a path such as /account')
    .optional()
    .describe('a relative path of APP_URL to come back to (default /), e.g. /account'),
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
