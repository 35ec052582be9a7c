import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { Config } from '../config';

export const SESSION_COOKIE = 'authgate_refresh';

export type SessionCookieSettings = { path: string; maxAge: number; secure: boolean };

/**
 * Path: the public path of /auth (APP_URL may carry a prefix, e.g. an API Gateway stage: https://…/dev).
 * Secure: always, except for plain http://localhost outside production, where a browser could not send it back.
 */
export function sessionCookieSettings({
  appUrl,
  env,
  refreshTokenTtl,
}: Pick<Config, 'appUrl' | 'env' | 'refreshTokenTtl'>): SessionCookieSettings {
  const url = new URL(appUrl);
  const plainLocalhost = url.protocol === 'http:' && url.hostname === 'localhost';
  return {
    path: `${url.pathname.replace(/\/+$/, '')}/auth`,
    maxAge: refreshTokenTtl,
    secure: !(plainLocalhost && env !== 'production'),
  };
}

/** The refresh token the browser sent, if any. */
export function sessionCookieOf(req: Request): string | undefined {
  return parseCookie(req.get('cookie') ?? '')[SESSION_COOKIE] || undefined;
}

/**
 * Adds the cookie (an empty one with Max-Age=0 clears it). Always an array: serverless-http maps only arrays to
 * multiValueHeaders / `cookies`.
 */
export function setSessionCookie(res: Response, settings: SessionCookieSettings, refreshToken: string | null): void {
  const cookie = stringifySetCookie(SESSION_COOKIE, refreshToken ?? '', {
    httpOnly: true,
    sameSite: 'strict',
    path: settings.path,
    maxAge: refreshToken === null ? 0 : settings.maxAge,
    secure: settings.secure,
  });
  res.append('Set-Cookie', [cookie]);
}
