import cors from 'cors';
import express, { type Express } from 'express';
import { accountRouter } from './account/account.router';
import { authRouter } from './auth/auth.router';
import { adminRouter } from './admin/admin.router';
import { createAdminService } from './admin/admin.service';
import { createAuditLog } from './audit/audit.service';
import { requestContext } from './audit/request-context';
import { createAuthService } from './auth/auth.service';
import { createReauthentication } from './auth/reauthentication';
import { createPasswordPolicy } from './auth/password-policy';
import { createAuthGuards } from './auth/require-auth';
import { createTokens } from './auth/tokens';
import type { Config } from './config';
import { createSessionTransport } from './cookies/session-transport';
import { sessionDemoRouter } from './cookies/session-demo.router';
import { errorHandler, unknownRoute } from './errors/error-handler';
import { exactPaths } from './http/exact-paths';
import { corsOptions } from './http/cors';
import { healthRouter } from './http/health.router';
import { securityHeaders } from './http/security-headers';
import { jwksRouter } from './keys/jwks.router';
import { createRateLimits } from './limits/rate-limits';
import { createMfaLogin } from './mfa/mfa-login';
import { mfaLoginRouter, mfaRouter } from './mfa/mfa.router';
import { createMfaService } from './mfa/mfa.service';
import { createSecretBox } from './mfa/secret-box';
import { openApiRouter } from './openapi/openapi.router';
import { createPasskeyLogin } from './passkeys/passkey-login';
import { passkeyLoginRouter, passkeysRouter } from './passkeys/passkeys.router';
import { createPasskeyService } from './passkeys/passkeys.service';
import { createIdentityService } from './oidc/identities.service';
import { createOidcAccounts } from './oidc/oidc.accounts';
import { createOidcClients } from './oidc/oidc.client';
import { createFlowCookie } from './oidc/oidc-browser';
import { identitiesRouter, oidcRouter } from './oidc/oidc.router';
import { createOidcService } from './oidc/oidc.service';
import { createLogger, requestLogger, type Logger } from './logger';
import { createBackgroundWork } from './mail/background';
import { createMailer } from './mail/mailer';
import { recoveryAuthRouter, recoveryUserRouter } from './recovery/recovery.router';
import { createRecoveryService } from './recovery/recovery.service';
import { createSessionService } from './sessions/sessions.service';
import { createAccountService } from './users/account.service';
import { usersRouter } from './users/users.router';

export const BODY_LIMIT = '8kb';

/** The one app behind every door: local server, Lambda and container. It neither listens nor connects. */
export function createApp(config: Config, logger: Logger = createLogger(config.logLevel)): Express {
  const tokens = createTokens({
    algorithm: config.jwtAlgorithm,
    secret: config.jwtSecret,
    privateKeys: config.jwtPrivateKeys,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    expiresIn: config.jwtExpiresIn,
  });
  const audit = createAuditLog(config.auditRetention);
  const sessions = createSessionService(config, audit);
  const limits = createRateLimits(config.rateLimits);
  const passwordPolicy = createPasswordPolicy(config.passwordMinLength);
  const background = createBackgroundWork(logger); // mail that leaves after the answer
  const recovery = createRecoveryService({
    settings: config.recovery,
    mailer: createMailer(config.mail, logger),
    background,
    sessions,
    limits: limits.account,
    bcryptCost: config.bcryptCost,
    logger,
    passwordPolicy,
    audit,
    checkPassword: (userId, password) => account.confirmPassword(userId, password),
  });
  const account = createAccountService({
    sessions,
    limits: limits.account,
    bcryptCost: config.bcryptCost,
    passwordPolicy,
    audit,
    onPasswordChanged: recovery.passwordChanged,
  });
  const box = createSecretBox(config.mfaEncryptionKey);
  const passkeys = createPasskeyService(config.webauthn, audit, recovery.signInMethodAdded);
  const mfa = createMfaService({
    box,
    confirmPassword: account.confirmPassword,
    audit,
    countPasskeys: passkeys.count,
    onAdded: recovery.signInMethodAdded,
  });
  const passkeyLogin = createPasskeyLogin({
    rp: config.webauthn,
    sessions,
    digest: box.digest,
    audit,
    mfaChallenge: mfa.challenge,
  });
  const mfaLogin = createMfaLogin({
    box,
    sessions,
    limits: limits.account,
    audit,
    passkeyFactor: passkeyLogin.proveSecondFactor,
  });
  const verification = { required: config.recovery.requireVerifiedEmail, mailLink: recovery.mailLinkToNewUser };
  const auth = createAuthService({
    tokens,
    sessions,
    limits: limits.account,
    bcryptCost: config.bcryptCost,
    passwordPolicy,
    mfaChallenge: mfa.challenge,
    audit,
    verification,
  });
  const guards = createAuthGuards(tokens, sessions, config.privilegedSessionMaxAge);
  const reauthentication = createReauthentication({
    sessions,
    limits: limits.account,
    bcryptCost: config.bcryptCost,
    box,
    proveUser: passkeyLogin.proveUser,
    audit,
  });
  const transport = createSessionTransport(config);
  const oidcClients = createOidcClients(config.apiUrl, config.env === 'production');
  const oidc = createOidcService({
    providers: config.oidcProviders,
    clients: oidcClients,
    accounts: createOidcAccounts(audit, recovery.signInMethodAdded),
    appUrl: config.appUrl,
    sessions,
    mfaChallenge: mfa.challenge,
    audit,
    logger,
    requireVerifiedEmail: config.recovery.requireVerifiedEmail,
  });

  const app = express();
  app.locals.settleBackgroundWork = background.settled; // the server's shutdown lets it finish before MongoDB closes
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);
  // before the first app.use, which builds the router: /USER/MyProfile and /user/myprofile/ are 404, as on API Gateway
  app.set('case sensitive routing', true).set('strict routing', true);
  app.use(requestLogger(logger)); // first: preflights answered by cors get a request id and a log line too
  app.use(securityHeaders()); // helmet's headers, worked out once
  app.use(cors(corsOptions(config.corsOrigins)));
  // strict: false lets `null`, `42` or `"x"` through to the schemas: valid JSON of the wrong type is VALIDATION_FAILED
  app.use(express.json({ limit: BODY_LIMIT, type: 'application/json', strict: false }));

  app.use(requestContext); // after the body parser, whose callbacks would lose it: who and from where, for the audit log
  app.use(exactPaths); // with strict routing: no trailing slash reaches a route, a mounted router's root included
  app.use(healthRouter());
  app.use(openApiRouter());
  app.use(jwksRouter(tokens));
  app.use(sessionDemoRouter());
  app.use(accountRouter());
  app.use(
    '/auth',
    authRouter({ auth, sessions, limits, requireAuth: guards.requireAuth, transport, audit, reauthentication }),
  );
  app.use(
    '/auth/mfa',
    mfaLoginRouter({ mfaLogin, perAddress: limits.attemptsPerAddress, issue: auth.issue, transport }),
  );
  const flowCookie = createFlowCookie(config);
  app.use(
    '/auth/oidc',
    oidcRouter({
      oidc,
      providerIds: config.oidcProviders.map((provider) => provider.id),
      appUrl: config.appUrl,
      flowCookie,
      perAddress: limits.attemptsPerAddress,
      issue: auth.issue,
      transport,
    }),
  );
  app.use(
    '/user/identities',
    identitiesRouter({
      oidc,
      identities: createIdentityService(audit),
      appUrl: config.appUrl,
      flowCookie,
      requireAuth: guards.requireAuth,
      requirePrivileged: guards.requirePrivileged,
    }),
  );
  app.use('/user/mfa', mfaRouter({ mfa, ...guards, perAddress: limits.attemptsPerAddress }));
  app.use(
    '/auth/passkey',
    passkeyLoginRouter({ passkeyLogin, perAddress: limits.attemptsPerAddress, issue: auth.issue, transport }),
  );
  app.use('/user/passkeys', passkeysRouter(passkeys, guards.requireAuth, guards.requirePrivileged));
  app.use('/user', usersRouter({ account, sessions, guards, perAddress: limits.attemptsPerAddress, audit }));
  // no admin route at all unless ADMIN_API_KEYS is set
  if (config.adminApiKeys.length > 0)
    app.use(
      '/admin',
      adminRouter({ admin: createAdminService({ sessions, audit }), audit, keys: config.adminApiKeys }),
    );
  const recoveryDeps = { recovery, perAddress: limits.attemptsPerAddress, ...guards };
  app.use('/auth', recoveryAuthRouter(recoveryDeps));
  app.use('/user', recoveryUserRouter(recoveryDeps));
  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}
