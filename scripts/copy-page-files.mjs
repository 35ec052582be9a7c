// After tsc: the account page's files (HTML, CSS, browser scripts) beside the compiled router in dist/,
// where src/account/account.router.ts finds them. Used by npm run build and the Dockerfile.
import { cpSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
rmSync(`${root}dist/account/account-page`, { recursive: true, force: true });
cpSync(`${root}src/account/account-page`, `${root}dist/account/account-page`, { recursive: true });
