// serverless.yml's default for the three secrets: with JWT_SECRET and MONGODB_URI unset, `osls package` must read
// them from SSM Parameter Store, /authgate/<stage>/jwt-secret and /authgate/<stage>/mongodb-uri, decrypted.
// Checked without AWS: the real osls resolver and AWS SDK client talk to a local stand-in for the SSM API
// (AWS_ENDPOINT_URL_SSM), which records what is asked and answers SecureStrings. Exits non-zero otherwise.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const failures = [];
const check = (ok, message) => (ok ? console.log(`ok   ${message}`) : failures.push(message));

const asked = [];
const ssm = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk)).on('end', () => {
    const { Name, WithDecryption } = JSON.parse(body || '{}');
    asked.push({ target: req.headers['x-amz-target'], Name, WithDecryption });
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    res.end(JSON.stringify({ Parameter: { Name, Type: 'SecureString', Value: `from-ssm${Name}`, Version: 1 } }));
  });
});
await once(ssm.listen(0, '127.0.0.1'), 'listening');

const out = mkdtempSync(join(tmpdir(), 'authgate-ssm-'));
const env = { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_EC2_METADATA_DISABLED: 'true' };
delete env.JWT_SECRET;
delete env.MONGODB_URI;
delete env.MFA_ENCRYPTION_KEY;
Object.assign(env, { AWS_ACCESS_KEY_ID: 'stand-in', AWS_SECRET_ACCESS_KEY: 'stand-in', AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${ssm.address().port}` });
// asynchronously: the stand-in answers from this process's event loop meanwhile
const packaged = await new Promise((resolve) => {
  const child = spawn('npx', ['osls', 'package', '--stage', 'ssmcheck', '--package', out], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.on('exit', (code) => resolve({ code, output }));
});
ssm.close();

check(packaged.code === 0, 'osls package resolves the secrets from SSM when the shell does not set them');
const names = asked.map((request) => request.Name).sort();
check(names.join() === '/authgate/ssmcheck/jwt-secret,/authgate/ssmcheck/mfa-encryption-key,/authgate/ssmcheck/mongodb-uri', `it asks SSM for the stage's three parameters (${names.join(', ')})`);
check(asked.every((request) => request.target === 'AmazonSSM.GetParameter' && request.WithDecryption === true), 'with GetParameter, decrypted (SecureString)');
if (packaged.code === 0) {
  const resources = JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8')).Resources;
  const variables = (name) => resources[name].Properties.Environment.Variables;
  check(variables('VerifyJwtLambdaFunction').JWT_SECRET === 'from-ssm/authgate/ssmcheck/jwt-secret', 'the authorizer gets the SSM JWT secret');
  check(variables('ApiLambdaFunction').JWT_SECRET === 'from-ssm/authgate/ssmcheck/jwt-secret', 'the API gets the SSM JWT secret');
  check(variables('ApiLambdaFunction').MONGODB_URI === 'from-ssm/authgate/ssmcheck/mongodb-uri', 'the API gets the SSM MongoDB URI');
  check(variables('ApiLambdaFunction').MFA_ENCRYPTION_KEY === 'from-ssm/authgate/ssmcheck/mfa-encryption-key', 'the API gets the SSM MFA encryption key');
  check(variables('VerifyJwtLambdaFunction').MFA_ENCRYPTION_KEY === undefined, 'the authorizer does not');
}
rmSync(out, { recursive: true, force: true });

if (failures.length) {
  failures.forEach((message) => console.error(`FAIL ${message}`));
  if (packaged.code !== 0) console.error(packaged.output.slice(-3000));
  process.exit(1);
}
