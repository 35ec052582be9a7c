'use strict';
// `osls offline` with nothing set needs no AWS account: serverless.yml asks for each secret as
// `${env:NAME, offline:name, ssm:/authgate/<stage>/…}`. This `offline:` source answers only under `osls offline`,
// with a development value that it names in the log; for every other command (package, deploy) it has no value,
// so a real deployment reads the stage's SSM parameters as before. A variable set in the shell still wins.
const { createPublicKey, generateKeyPairSync, randomBytes } = require('node:crypto');
const { join } = require('node:path');

class OfflineValues {
  constructor(serverless, _options, { log }) {
    const offline = serverless.processedInput.commands[0] === 'offline';
    const root = serverless.serviceDir;
    const values = new Map(); // once each: both functions must get the same keys
    const makers = {
      mongodbUri: () => embeddedDatabase(root, log),
      jwtSecret: () => say(log, 'JWT_SECRET', 'random, made now', randomBytes(48).toString('base64')),
      mfaEncryptionKey: () => say(log, 'MFA_ENCRYPTION_KEY', 'random, made now', randomBytes(32).toString('base64')),
      smtpUrl: () => mailSink(root, log),
      jwtPrivateKeys: async ({ resolveConfigurationProperty }) =>
        privateKey(await resolveConfigurationProperty(['custom', 'jwtAlgorithm']), log),
      jwtPublicKeys: async ({ resolveConfigurationProperty }) =>
        publicKeysOf(await resolveConfigurationProperty(['custom', 'jwt', 'apiPrivateKeys']), log),
    };
    this.configurationVariablesSources = {
      offline: {
        resolve: async (input) => {
          if (!offline) return { value: null };
          const make = makers[input.address];
          if (!make) throw new serverless.classes.Error(`offline:${input.address} is not a development value`);
          if (!values.has(input.address)) values.set(input.address, make(input));
          return { value: await values.get(input.address) };
        },
      },
    };
  }
}

function say(log, name, what, value) {
  log.warning(`Development value for ${name} (osls offline only; a deployment reads SSM): ${what}`);
  return value;
}

/** The embedded database of `npm start` (src/embedded-db.ts, compiled for this process), stopped at exit. */
async function embeddedDatabase(root, log) {
  const compiled = join(root, 'node_modules', '.cache', 'authgate-offline', 'embedded-db.js');
  await require('esbuild').build({
    entryPoints: [join(root, 'src', 'embedded-db.ts')],
    outfile: compiled,
    platform: 'node',
    format: 'cjs',
    define: { __dirname: JSON.stringify(join(root, 'src')) }, // it finds tools/ and .tools/ from its own folder
    logLevel: 'warning',
  });
  const database = await require(compiled).startEmbeddedDatabase((line) => log.warning(line));
  process.once('exit', () => database.pid && process.kill(database.pid));
  return say(
    log,
    'MONGODB_URI',
    `an embedded, throw-away MongoDB (${database.kind})`,
    `${database.uri}authgate-offline`,
  );
}

/** A real SMTP server on loopback that prints each mail here, links included. */
async function mailSink(root, log) {
  const { startMailSink } = await import(join(root, 'scripts', 'mail-sink.mjs'));
  const sink = await startMailSink(0, (mail) =>
    log.notice(`Mail to ${mail.to.join(', ')}: ${mail.subject}\n${mail.text}`),
  );
  return say(log, 'SMTP_URL', `a mail sink on port ${sink.port} that prints every mail here`, sink.env.SMTP_URL);
}

function privateKey(algorithm, log) {
  const { privateKey: pem } =
    algorithm === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })
      : generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  return say(log, 'JWT_PRIVATE_KEYS', `a fresh ${algorithm} key pair, made now`, pem);
}

/** The authorizer's public keys, from the API's private ones (set in the shell, or the development pair). */
function publicKeysOf(privateKeys, log) {
  const text = privateKeys.trim().startsWith('[')
    ? JSON.parse(privateKeys).join('\n')
    : privateKeys.replace(/\\n/g, '\n');
  const pems = text.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/g) ?? [];
  const keys = pems.map((pem) => createPublicKey(pem).export({ type: 'spki', format: 'pem' })).join('');
  return say(log, 'JWT_PUBLIC_KEYS', "the public halves of the API's JWT_PRIVATE_KEYS", keys);
}

module.exports = OfflineValues;
