// serverless.yml's default for the secrets: with them unset in the shell, `osls package` must read them from SSM
// Parameter Store, /authgate/<stage>/<name>, decrypted. Under HS256 (the default) the JWT secret, which both
// functions get; under ES256 the private keys, which only the API gets, and the public keys, which are all the
// authorizer gets: its environment holds no secret. Checked without AWS: the real osls resolver and AWS SDK
// client talk to a local stand-in for the SSM API (AWS_ENDPOINT_URL_SSM), which records what is asked and
// answers SecureStrings. Exits non-zero otherwise.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const failures = [];
const outputs = [];
const check = (ok, message) => (ok ? console.log(`ok   ${message}`) : failures.push(message));

const asked = [];
const ssm = createServer((req, res) => {
  let body = '';
  req
    .on('data', (chunk) => (body += chunk))
    .on('end', () => {
      const { Name, WithDecryption } = JSON.parse(body || '{}');
      asked.push({ target: req.headers['x-amz-target'], Name, WithDecryption });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(JSON.stringify({ Parameter: { Name, Type: 'SecureString', Value: `from-ssm${Name}`, Version: 1 } }));
    });
});
await once(ssm.listen(0, '127.0.0.1'), 'listening');

/** `osls package` with the secrets unset in the shell: the parameters asked for, and each function's environment. */
async function packageFromSsm(stage, algorithm) {
  asked.length = 0;
  const out = mkdtempSync(join(tmpdir(), 'authgate-ssm-'));
  const env = {
    ...process.env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  for (const name of [
    'JWT_SECRET',
    'JWT_PRIVATE_KEYS',
    'JWT_PUBLIC_KEYS',
    'MONGODB_URI',
    'MFA_ENCRYPTION_KEY',
    'JWT_ALGORITHM',
  ])
    delete env[name];
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: 'stand-in',
    AWS_SECRET_ACCESS_KEY: 'stand-in',
    AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${ssm.address().port}`,
  });
  if (algorithm) env.JWT_ALGORITHM = algorithm;
  // asynchronously: the stand-in answers from this process's event loop meanwhile
  const packaged = await new Promise((resolve) => {
    const child = spawn('npx', ['osls', 'package', '--stage', stage, '--package', out], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
  outputs.push(packaged.output);
  const names = asked.map((request) => request.Name).sort();
  const decrypted = asked.every(
    (request) => request.target === 'AmazonSSM.GetParameter' && request.WithDecryption === true,
  );
  const resources =
    packaged.code === 0
      ? JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8')).Resources
      : {};
  const variables = (name) => resources[name]?.Properties.Environment.Variables ?? {};
  rmSync(out, { recursive: true, force: true });
  return {
    ok: packaged.code === 0,
    names,
    decrypted,
    authorizer: variables('VerifyJwtLambdaFunction'),
    api: variables('ApiLambdaFunction'),
  };
}

const hs = await packageFromSsm('ssmcheck');
check(hs.ok, 'osls package resolves the secrets from SSM when the shell does not set them');
check(
  hs.names.join() ===
    '/authgate/ssmcheck/jwt-secret,/authgate/ssmcheck/mfa-encryption-key,/authgate/ssmcheck/mongodb-uri,/authgate/ssmcheck/smtp-url',
  `it asks SSM for the stage's four parameters (${hs.names.join(', ')})`,
);
check(hs.decrypted, 'with GetParameter, decrypted (SecureString)');
check(hs.authorizer.JWT_SECRET === 'from-ssm/authgate/ssmcheck/jwt-secret', 'the authorizer gets the SSM JWT secret');
check(hs.api.JWT_SECRET === 'from-ssm/authgate/ssmcheck/jwt-secret', 'the API gets the SSM JWT secret');
check(hs.api.MONGODB_URI === 'from-ssm/authgate/ssmcheck/mongodb-uri', 'the API gets the SSM MongoDB URI');
check(
  hs.api.MFA_ENCRYPTION_KEY === 'from-ssm/authgate/ssmcheck/mfa-encryption-key',
  'the API gets the SSM MFA encryption key',
);
check(
  hs.api.SMTP_URL === 'from-ssm/authgate/ssmcheck/smtp-url',
  'the API gets the SSM SMTP URL (it holds the mail password)',
);
check(hs.authorizer.MFA_ENCRYPTION_KEY === undefined, 'the authorizer does not');

const es = await packageFromSsm('keycheck', 'ES256');
check(es.ok, 'JWT_ALGORITHM=ES256: osls package resolves the keys from SSM');
check(
  es.names.join() ===
    '/authgate/keycheck/jwt-private-keys,/authgate/keycheck/jwt-public-keys,/authgate/keycheck/mfa-encryption-key,/authgate/keycheck/mongodb-uri,/authgate/keycheck/smtp-url',
  `it asks for the private and the public keys, not for a JWT secret (${es.names.join(', ')})`,
);
check(es.decrypted, 'with GetParameter, decrypted (SecureString)');
check(
  es.api.JWT_ALGORITHM === 'ES256' &&
    es.api.JWT_PRIVATE_KEYS === 'from-ssm/authgate/keycheck/jwt-private-keys' &&
    !es.api.JWT_SECRET,
  'the API signs with the SSM private keys, and has no JWT secret',
);
check(
  Object.keys(es.authorizer).join() === 'JWT_ALGORITHM,JWT_PUBLIC_KEYS,JWT_ISSUER,JWT_AUDIENCE',
  `the authorizer gets JWT_ALGORITHM, JWT_PUBLIC_KEYS, JWT_ISSUER and JWT_AUDIENCE only (${Object.keys(es.authorizer).join(', ')})`,
);
check(
  es.authorizer.JWT_ALGORITHM === 'ES256' &&
    es.authorizer.JWT_PUBLIC_KEYS === 'from-ssm/authgate/keycheck/jwt-public-keys',
  'it verifies ES256 with the SSM public keys',
);
const secrets = [es.api.JWT_PRIVATE_KEYS, es.api.MFA_ENCRYPTION_KEY, es.api.MONGODB_URI];
check(
  Object.values(es.authorizer).every((value) => !secrets.includes(value) && !/PRIVATE KEY/.test(value)),
  "no secret, private key or connection string in the authorizer's environment",
);
ssm.close();

if (failures.length) {
  failures.forEach((message) => console.error(`FAIL ${message}`));
  outputs.forEach((output) => console.error(output.slice(-2000)));
  process.exit(1);
}
