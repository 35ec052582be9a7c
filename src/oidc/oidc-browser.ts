import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { Config } from '../config';

export const FLOW_COOKIE = 'authgate_oidc';
const FLOW_SECONDS = 600;

/**
 * A sign-in is bound to the browser that started it: the start sets a random value in an httpOnly cookie
 * (its hash is kept with the flow), and the callback finds the flow only with it. A callback URL that someone
 * else's sign-in produced, opened in this browser, signs nobody in here (login CSRF).
 * SameSite=Lax: the provider's redirect back is a cross-site top-level GET, which Lax lets through.
 */
export function createFlowCookie({ apiUrl, env }: Pick<Config, 'apiUrl' | 'env'>) {
  const url = new URL(apiUrl);
  const settings = {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: `${url.pathname.replace(/\/+$/, '')}/auth/oidc`,
    secure: url.protocol === 'https:' || env === 'production',
  };

  const set = (res: Response, value: string | null) =>
    res.append('Set-Cookie', [
      stringifySetCookie(FLOW_COOKIE, value ?? '', { ...settings, maxAge: value === null ? 0 : FLOW_SECONDS }),
    ]);
  const of = (req: Request): string | undefined => parseCookie(req.get('cookie') ?? '')[FLOW_COOKIE] || undefined;

  return { set, of };
}

export type FlowCookie = ReturnType<typeof createFlowCookie>;
