import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { allowOnly } from '../http/validate';

// The page's own files: beside this module in src/ and dist/ (npm run build copies them), and beside the
// Lambda bundle (scripts/build-lambda.mjs ships them there).
const pageFiles = join(__dirname, 'console-page');

/**
 * GET /console: the operators' page, which calls the admin API with a key pasted into it. createApp mounts it
 * only when ADMIN_API_KEYS is set, as it does the admin routes.
 */
export function consoleRouter(): Router {
  if (!existsSync(join(pageFiles, 'index.html')))
    throw new Error(`the console page's files are missing from ${pageFiles}`);
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/console')
    // `root`, so that only the file's own name is checked for dot segments: the Lambda bundle lives in .esbuild/
    .get((_req, res) => void res.sendFile('index.html', { root: pageFiles, maxAge: 0 }))
    .all(allowOnly('GET'));
  router.use('/console/assets', express.static(pageFiles, { index: false, maxAge: '5m' }));
  return router;
}
