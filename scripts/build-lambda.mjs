// Bundles the three Lambda functions with esbuild into .esbuild/<name>/index.js, with metafiles beside them
// (.esbuild/meta-<name>.json) for the size checks and the benchmark.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.esbuild');

// bcrypt is native: it ships beside the bundle. The driver's optional peers are never used by authgate.
const optionalPeers = [
  'kerberos',
  'snappy',
  '@mongodb-js/zstd',
  'mongodb-client-encryption',
  'aws4',
  'socks',
  'gcp-metadata',
  '@aws-sdk/credential-providers',
];
const functions = {
  api: {
    entry: 'src/lambda.ts',
    external: [
      'bcrypt',
      'swagger-ui-dist',
      '@simplewebauthn/browser',
      '@simplewebauthn/server',
      '@zxcvbn-ts/language-common',
      'nodemailer',
      ...optionalPeers,
    ],
    alias: { semver: './scripts/lambda-shims/semver.js', 'whatwg-url': './scripts/lambda-shims/whatwg-url.js' },
  },
  authorizer: { entry: 'src/authorizer.ts', external: [], alias: { semver: './scripts/lambda-shims/semver.js' } },
  // the scheduled webhook delivery: MongoDB and node:http(s), nothing of express, bcrypt or the mailer
  webhooks: {
    entry: 'src/webhooks/webhooks-lambda.ts',
    external: optionalPeers,
    alias: { semver: './scripts/lambda-shims/semver.js', 'whatwg-url': './scripts/lambda-shims/whatwg-url.js' },
  },
};

rmSync(out, { recursive: true, force: true });
for (const [name, { entry, external, alias = {} }] of Object.entries(functions)) {
  const result = await build({
    entryPoints: [join(root, entry)],
    outfile: join(out, name, 'index.js'),
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    external,
    metafile: true,
    legalComments: 'none',
    absWorkingDir: root,
    alias: { 'iconv-lite': './scripts/lambda-shims/iconv-lite.js', ...alias },
    logLevel: 'warning',
  });
  writeFileSync(join(out, `meta-${name}.json`), JSON.stringify(result.metafile));
}
shipBcrypt(join(out, 'api', 'node_modules'));
shipDocsViewer(join(out, 'api', 'node_modules', 'swagger-ui-dist'));
shipCommonPasswords(join(out, 'api', 'node_modules'));
shipMailer(join(out, 'api', 'node_modules', 'nodemailer'));
shipAccountPage(join(out, 'api'));
shipConsolePage(join(out, 'api'));
await shipWebAuthnServer(join(out, 'api', 'node_modules', '@simplewebauthn', 'server'));

/** bcrypt and node-gyp-build, with only the prebuilt binary that Lambda (linux x64) loads. */
function shipBcrypt(modules) {
  mkdirSync(modules, { recursive: true });
  const bcrypt = join(root, 'node_modules', 'bcrypt');
  for (const file of ['package.json', 'bcrypt.js', 'promises.js', 'LICENSE'])
    cpSync(join(bcrypt, file), join(modules, 'bcrypt', file));
  cpSync(join(bcrypt, 'prebuilds', 'linux-x64'), join(modules, 'bcrypt', 'prebuilds', 'linux-x64'), {
    recursive: true,
  });
  cpSync(join(root, 'node_modules', 'node-gyp-build'), join(modules, 'node-gyp-build'), { recursive: true });
}

/** The docs page's viewer: the two files the page loads, not its 10 MB of maps and bundles. */
function shipDocsViewer(target) {
  const source = join(root, 'node_modules', 'swagger-ui-dist');
  for (const file of ['package.json', 'swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'LICENSE'])
    cpSync(join(source, file), join(target, file));
}

/** The account page's own files beside the bundle (src/account/account.router.ts reads them from its __dirname),
 * and the one browser file of @simplewebauthn/browser that the page loads. */
function shipAccountPage(target) {
  cpSync(join(root, 'src', 'account', 'account-page'), join(target, 'account-page'), { recursive: true });
  const source = join(root, 'node_modules', '@simplewebauthn', 'browser');
  for (const file of ['package.json', 'script/index.js', 'dist/bundle/index.umd.min.js', 'LICENSE.md'])
    cpSync(join(source, file), join(target, 'node_modules', '@simplewebauthn', 'browser', file));
}

/** The operators' console's own files beside the bundle (src/console/console.router.ts reads them from its __dirname). */
function shipConsolePage(target) {
  cpSync(join(root, 'src', 'console', 'console-page'), join(target, 'console-page'), { recursive: true });
}

/** @simplewebauthn/server, loaded by the passkey routes on first use (src/passkeys/webauthn.ts): a minified
 * bundle of its own beside the API's, so that no other route's cold start parses it. */
async function shipWebAuthnServer(target) {
  const source = join(root, 'node_modules', '@simplewebauthn', 'server');
  // ESM, as the bundle's import() loads it: named exports, and a require for the CommonJS parts inside
  const banner = { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" };
  await build({
    entryPoints: [join(source, 'esm', 'index.js')],
    outfile: join(target, 'index.js'),
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    banner,
    legalComments: 'none',
    logLevel: 'warning',
  });
  writeFileSync(
    join(target, 'package.json'),
    JSON.stringify({ name: '@simplewebauthn/server', type: 'module', exports: './index.js' }),
  );
  cpSync(join(source, 'LICENSE.md'), join(target, 'LICENSE.md'));
}

/** The common-password list, loaded on first use: beside the bundle, so that a cold start does not parse it. */
function shipCommonPasswords(modules) {
  for (const name of ['@zxcvbn-ts/language-common', '@zxcvbn-ts/dictionary-compression']) {
    const source = join(root, 'node_modules', name);
    cpSync(join(source, 'package.json'), join(modules, name, 'package.json'));
    cpSync(join(source, 'dist'), join(modules, name, 'dist'), {
      recursive: true,
      filter: (file) => !file.endsWith('.map') && !file.endsWith('.mjs'),
    });
  }
}

/**
 * nodemailer (no dependencies of its own), its ES module build only: the bundle keeps the app's `import()`,
 * which loads it on the first mail, so an invocation that sends none does not parse its 240 KB.
 */
function shipMailer(target) {
  const source = join(root, 'node_modules', 'nodemailer');
  for (const path of ['package.json', 'LICENSE', 'dist/esm'])
    cpSync(join(source, path), join(target, path), { recursive: true });
}
