import { adminRoutes } from './admin/admin.routes';
import { authRoutes } from './auth/auth.routes';
import { emailSignInRoutes } from './email-sign-in/email-sign-in.routes';
import { healthRoutes } from './http/health.routes';
import type { Route } from './http/route';
import { jwksRoutes } from './keys/jwks.routes';
import { mfaRoutes } from './mfa/mfa.routes';
import { oidcRoutes } from './oidc/oidc.routes';
import { orgsAdminRoutes } from './orgs/orgs.admin.routes';
import { orgsRoutes } from './orgs/orgs.routes';
import { passkeysRoutes } from './passkeys/passkeys.routes';
import { recoveryRoutes } from './recovery/recovery.routes';
import { sessionsRoutes } from './sessions/sessions.routes';
import { usersRoutes } from './users/users.routes';
import { webhooksRoutes } from './webhooks/webhooks.routes';

/**
 * Every route of the API, declared in its feature's folder: the app mounts them and the OpenAPI document
 * describes them, both from these declarations. A path's first route places it: `/user/passkeys/options`
 * comes before `/user/passkeys/{id}`.
 */
export const apiRoutes: Route[] = [
  ...healthRoutes,
  ...jwksRoutes,
  ...authRoutes,
  ...mfaRoutes,
  ...oidcRoutes,
  ...passkeysRoutes,
  ...usersRoutes,
  ...sessionsRoutes,
  ...recoveryRoutes,
  ...emailSignInRoutes,
  ...orgsRoutes,
  ...adminRoutes,
  ...orgsAdminRoutes,
  ...webhooksRoutes,
];
