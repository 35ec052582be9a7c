import cors from 'cors';
import express, { type Express } from 'express';
import { accountRouter } from './account/account.router';
import { requestContext } from './audit/request-context';
import type { Config } from './config';
import { consoleRouter } from './console/console.router';
import { sessionDemoRouter } from './cookies/session-demo.router';
import { errorHandler, unknownRoute } from './errors/error-handler';
import { corsOptions } from './http/cors';
import { exactPaths } from './http/exact-paths';
import { mountRoutes } from './http/mount-routes';
import { securityHeaders } from './http/security-headers';
import { createLogger, requestLogger, type Logger } from './logger';
import { openApiRouter } from './openapi/openapi.router';
import { apiRoutes } from './routes';
import { createServices } from './services';

export const BODY_LIMIT = '8kb';

/** The one app behind every door: local server, Lambda and container. It neither listens nor connects. */
export function createApp(config: Config, logger: Logger = createLogger(config.logLevel)): Express {
  const services = createServices(config, logger);
  const app = express();
  app.locals.settleBackgroundWork = services.background.settled; // shutdown lets mail finish before MongoDB closes
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);
  // before the first app.use, which builds the router: /USER/MyProfile and /user/myprofile/ are 404, as on API Gateway
  app.set('case sensitive routing', true).set('strict routing', true);

  app.use(requestLogger(logger)); // first: preflights answered by cors get a request id and a log line too
  app.use(securityHeaders()); // helmet's headers, worked out once
  app.use(cors(corsOptions(config.corsOrigins)));
  // strict: false lets `null`, `42` or `"x"` through to the schemas: valid JSON of the wrong type is VALIDATION_FAILED
  app.use(express.json({ limit: BODY_LIMIT, type: 'application/json', strict: false }));
  app.use(requestContext); // after the body parser, whose callbacks would lose it: who and from where, for the audit
  app.use(exactPaths); // with strict routing: no trailing slash reaches a route

  app.use(openApiRouter(), sessionDemoRouter(), accountRouter()); // the pages: docs, session demo, account
  // no admin route at all unless ADMIN_API_KEYS is set, and no operators' console either
  const admin = config.adminApiKeys.length > 0;
  if (admin) app.use(consoleRouter());
  const routes = apiRoutes.filter((route) => route.guard !== 'adminKey' || admin);
  mountRoutes(app, routes, services);
  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}
