import cors from 'cors';
import express, { type Express } from 'express';
import { authRouter } from './auth/auth.router';
import { createAuthService } from './auth/auth.service';
import { createAuthGuards } from './auth/require-auth';
import { createTokens } from './auth/tokens';
import type { Config } from './config';
import { errorHandler, unknownRoute } from './errors/error-handler';
import { healthRouter } from './http/health.router';
import { securityHeaders } from './http/security-headers';
import { createRateLimits } from './limits/rate-limits';
import { openApiRouter } from './openapi/openapi.router';
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
  const auth = createAuthService({ tokens, sessions, limits: limits.account, bcryptCost: config.bcryptCost });
  const account = createAccountService({ sessions, limits: limits.account, bcryptCost: config.bcryptCost });
  const guards = createAuthGuards(tokens, sessions);

  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);
  app.use(requestLogger(logger)); // first: preflights answered by cors get a request id and a log line too
  app.use(securityHeaders()); // helmet's headers, worked out once
  app.use(cors({ origin: config.corsOrigins, exposedHeaders: ['Retry-After', 'X-Request-Id'], maxAge: 600 }));
  // strict: false lets `null`, `42` or `"x"` through to the schemas: valid JSON of the wrong type is VALIDATION_FAILED
  app.use(express.json({ limit: BODY_LIMIT, type: 'application/json', strict: false }));

  app.use(healthRouter());
  app.use(openApiRouter());
  app.use('/auth', authRouter({ auth, sessions, limits, requireAuth: guards.requireAuth }));
  app.use('/user', usersRouter({ account, sessions, guards }));
  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}
