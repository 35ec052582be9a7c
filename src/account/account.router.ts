import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { Router } from 'express';
import { allowOnly } from '../http/validate';

// The page's own files: beside this module in src/ and dist/ (npm run build copies them), and beside the
// Lambda bundle (scripts/build-lambda.mjs ships them there).
const pageFiles = join(__dirname, 'account-page');
// @simplewebauthn/browser's UMD build, served as the docs page serves swagger-ui-dist: from the npm package
const webauthnBundle = join(dirname(require.resolve('@simplewebauthn/browser')), '..', 'dist', 'bundle');
// `root`, so that only the file's own name is checked for dot segments: the Lambda bundle lives in .esbuild/
const fileOf = (root: string, name: string, maxAge = 0) => ({ name, options: { root, maxAge } });

/** GET /account: a small page where a person registers, logs in (password, passkey, TOTP) and manages the account. */
export function accountRouter(): Router {
  if (!existsSync(join(pageFiles, 'index.html')))
    throw new Error(`the account page's files are missing from ${pageFiles}`);
  const router = Router({ caseSensitive: true, strict: true });
  const page = fileOf(pageFiles, 'index.html');
  const webauthn = fileOf(webauthnBundle, 'index.umd.min.js', 3_600_000);
  // APP_URL/sign-in and APP_URL/accept-invitation: where a mail's link lands when the app itself is the front end
  // (APP_URL's default)
  for (const path of ['/account', '/sign-in', '/accept-invitation'])
    router
      .route(path)
      .get((_req, res) => void res.sendFile(page.name, page.options))
      .all(allowOnly('GET'));
  router.get(
    '/account/assets/webauthn.js',
    (_req, res) => void res.type('application/javascript').sendFile(webauthn.name, webauthn.options),
  );
  router.use('/account/assets', express.static(pageFiles, { index: false, maxAge: '5m' }));
  return router;
}
