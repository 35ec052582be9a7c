// After tsc: the pages' files (HTML, CSS, browser scripts) beside their compiled routers in dist/, where
// src/account/account.router.ts and src/console/console.router.ts find them. Used by npm run build and the Dockerfile.
import { cpSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
for (const page of ['account/account-page', 'console/console-page']) {
  rmSync(`${root}dist/${page}`, { recursive: true, force: true });
  cpSync(`${root}src/${page}`, `${root}dist/${page}`, { recursive: true });
}
