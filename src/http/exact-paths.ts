import type { RequestHandler } from 'express';
import { unknownRoute } from '../errors/error-handler';

/**
 * 404 for any path with a trailing slash. Strict routing (app.ts, every Router) refuses `/user/myprofile/`,
 * but a mounted router's root route still matches its mount path with and without the slash: the mount
 * strips `/user/sessions` from both `/user/sessions` and `/user/sessions/`, and hands the router `/` either
 * way (expressjs/express#2281, open for Express 5). No route of ours ends in a slash.
 */
export const exactPaths: RequestHandler = (req, res, next) =>
  req.path !== '/' && req.path.endsWith('/') ? unknownRoute(req, res, next) : next();
