import { badRequest } from '../errors/http-error';

// A relative path: one leading slash and no second one (`//evil.com` is another host), no backslash (browsers
// read `/\evil.com` as `//evil.com`), no control character, space or fragment (the answer's own goes there).
export const RELATIVE_PATH = /^\/(?![/\\])[^\\#\s\x00-\x1f\x7f]{0,511}$/; // eslint-disable-line no-control-regex
// A dot segment (`/./`, `/../`) is refused, encoded (%2e, %2f, %5c) too: a browser or a proxy resolves it, and
// `/.//evil.test` becomes `//evil.test`, another host.
const DOT_SEGMENT = /(^|\/)\.{1,2}(\/|$)/;
const decodedPath = (redirect: string) =>
  redirect.split('?')[0].replace(/%2e/gi, '.').replace(/%2f/gi, '/').replace(/%5c/gi, '\\');
const isPlainPath = (redirect: string) =>
  RELATIVE_PATH.test(redirect) && RELATIVE_PATH.test(decodedPath(redirect)) && !DOT_SEGMENT.test(decodedPath(redirect));

/** The path to return to after the provider, or 400 VALIDATION_FAILED: never an open redirect. */
export function checkedRedirect(redirect: unknown, appUrl: string): string {
  if (redirect === undefined) return '/';
  if (
    typeof redirect !== 'string' ||
    !isPlainPath(redirect) ||
    new URL(appTarget(appUrl, redirect)).origin !== new URL(appUrl).origin
  ) {
    throw badRequest('VALIDATION_FAILED', 'redirect must be a relative path of the app (one leading slash)', [
      { path: 'redirect', message: 'must be a path such as /account' },
    ]);
  }
  return redirect;
}

/** APP_URL<redirect>: the app's URL (without a trailing slash) and the path. */
export const appTarget = (appUrl: string, redirect: string) => `${appUrl.replace(/\/+$/, '')}${redirect}`;

/** Where the callback sends the browser: the app, with the answer in the fragment (never sent to a server). */
export const withFragment = (appUrl: string, redirect: string, fragment: Record<string, string>) =>
  `${appTarget(appUrl, redirect)}#${new URLSearchParams(fragment).toString()}`;
