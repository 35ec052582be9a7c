import { z } from 'zod';

const providerSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'id must be 1 to 32 lower-case letters, digits or dashes'),
  issuer: z.url({ protocol: /^https?$/ }),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/)).optional(),
  // the operator vouches for the provider's emails (a workforce tenant): its email counts as verified
  trustEmail: z.boolean().optional(),
});

export type OidcProvider = {
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  trustEmail: boolean;
};

/** `OIDC_PROVIDERS`: a JSON array of providers, each id once; unset or empty: no provider. */
export const oidcProvidersSchema = z
  .string()
  .optional()
  .transform((value, ctx): OidcProvider[] => {
    if (value === undefined || value.trim() === '') return [];
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a JSON array of { id, issuer, clientId, clientSecret, scopes?, trustEmail? }',
      });
      return z.NEVER;
    }
    const parsed = z.array(providerSchema).safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      ctx.addIssue({ code: 'custom', message: `entry ${issue.path.join('.')}: ${issue.message}` });
      return z.NEVER;
    }
    const ids = parsed.data.map((provider) => provider.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', message: 'each provider id must appear once' });
      return z.NEVER;
    }
    return parsed.data.map((provider) => ({
      ...provider,
      scopes: provider.scopes ?? ['openid', 'email', 'profile'],
      trustEmail: provider.trustEmail ?? false,
    }));
  });
