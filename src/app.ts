import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { accountRouter } from './account/account.router';
import { authRouter } from './auth/auth.router';
import { createAuthService } from './auth/auth.service';
import { createPasswordPolicy } from './auth/password-policy';
import { createAuthGuards } from './auth/require-auth';
import { createTokens } from './auth/tokens';
import type { Config } from './config';
import { errorHandler, unknownRoute } from './errors/error-handler';
import { exactPaths } from './http/exact-paths';
import { healthRouter } from './http/health.router';
import { createRateLimits } from './limits/rate-limits';
import { createMfaLogin } from './mfa/mfa-login';
import { mfaLoginRouter, mfaRouter } from './mfa/mfa.router';
import { createMfaService } from './mfa/mfa.service';
import { createSecretBox } from './mfa/secret-box';
import { openApiRouter } from './openapi/openapi.router';
import { createPasskeyLogin } from './passkeys/passkey-login';
import { passkeyLoginRouter, passkeysRouter } from './passkeys/passkeys.router';
import { createPasskeyService } from './passkeys/passkeys.service';
import { createLogger, requestLogger, type Logger } from './logger';
import { createSessionService } from './sessions/sessions.service';
import { createAccountService } from './users/account.service';
import { usersRouter } from './users/users.router';

export const BODY_LIMIT = '8kb';

/** The one app behind every door: local server, Lambda and container. It neither listens nor connects. */
export function createApp(config: Config, logger: Logger = createLogger(config.logLevel)): Express {
  const tokens = createTokens({ secret: config.jwtSecret, expiresIn: config.jwtExpiresIn });
  const sessions = createSessionService(config);
  const limits = createRateLimits(config.rateLimits);
  const passwordPolicy = createPasswordPolicy(config.passwordMinLength);
  const account = createAccountService({ sessions, limits: limits.account, bcryptCost: config.bcryptCost, passwordPolicy });
  const box = createSecretBox(config.mfaEncryptionKey);
  const passkeys = createPasskeyService(config.webauthn);
  const passkeyLogin = createPasskeyLogin({ rp: config.webauthn, sessions, digest: box.digest });
  const mfa = createMfaService({ box, confirmPassword: account.confirmPassword, countPasskeys: passkeys.count });
  const mfaLogin = createMfaLogin({ box, sessions, limits: limits.account, passkeyFactor: passkeyLogin.proveSecondFactor });
  const auth = createAuthService({ tokens, sessions, limits: limits.account, bcryptCost: config.bcryptCost, passwordPolicy, mfaChallenge: mfa.challenge });
  const guards = createAuthGuards(tokens, sessions);

  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);
  // before the first app.use, which builds the router: /USER/MyProfile and /user/myprofile/ are 404, as on API Gateway
  app.set('case sensitive routing', true).set('strict routing', true);
  app.use(requestLogger(logger)); // first: preflights answered by cors get a request id and a log line too
  app.use(helmet());
  app.use(cors({ origin: config.corsOrigins, exposedHeaders: ['Retry-After', 'X-Request-Id'], maxAge: 600 }));
  // strict: false lets `null`, `42` or `"x"` through to the schemas: valid JSON of the wrong type is VALIDATION_FAILED
  app.use(express.json({ limit: BODY_LIMIT, type: 'application/json', strict: false }));

  app.use(exactPaths); // with strict routing: no trailing slash reaches a route, a mounted router's root included
  app.use(healthRouter());
  app.use(openApiRouter());
  app.use(accountRouter());
  app.use('/auth', authRouter({ auth, sessions, limits, requireAuth: guards.requireAuth }));
  app.use('/auth/mfa', mfaLoginRouter({ mfaLogin, perAddress: limits.attemptsPerAddress, issue: auth.answer }));
  app.use('/user/mfa', mfaRouter({ mfa, requireAuth: guards.requireAuth, perAddress: limits.attemptsPerAddress }));
  app.use('/auth/passkey', passkeyLoginRouter({ passkeyLogin, perAddress: limits.attemptsPerAddress, issue: auth.answer }));
  app.use('/user/passkeys', passkeysRouter(passkeys, guards.requireAuth));
  app.use('/user', usersRouter({ account, sessions, guards, perAddress: limits.attemptsPerAddress }));
  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}
