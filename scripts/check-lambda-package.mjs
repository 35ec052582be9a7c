// After `osls package`: bundle sizes within their limits, the authorizer wired to every route that takes an
// access token, and the GatewayResponses that make its refusals problem+json. Exits non-zero otherwise.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const failures = [];
const check = (ok, message) => (ok ? console.log(`ok   ${message}`) : failures.push(message));

const jsBytes = (name) => {
  const meta = JSON.parse(readFileSync(`${root}.esbuild/meta-${name}.json`, 'utf8'));
  return Object.entries(meta.outputs).filter(([file]) => file.endsWith('.js')).reduce((sum, [, out]) => sum + out.bytes, 0);
};
const inputsOf = (name) => Object.keys(JSON.parse(readFileSync(`${root}.esbuild/meta-${name}.json`, 'utf8')).inputs);
const heavy = inputsOf('authorizer').filter((file) => /node_modules\/(express|mongoose|mongodb|bcrypt|zod)\//.test(file));
check(heavy.length === 0, `the authorizer bundles neither express, mongoose, bcrypt nor zod${heavy.length ? `: ${heavy[0]}` : ''}`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const authorizer = jsBytes('authorizer');
const api = jsBytes('api');
check(authorizer <= 64 * 1024, `authorizer bundle ${kb(authorizer)} (limit 64 KB)`);
check(api <= 2.5 * 1024 * 1024, `API bundle ${kb(api)} (limit 2.5 MB)`);
for (const zip of ['api', 'verifyJwt']) console.log(`     ${zip}.zip ${kb(statSync(`${root}.serverless/${zip}.zip`).size)}`);

const resources = JSON.parse(readFileSync(`${root}.serverless/cloudformation-template-update-stack.json`, 'utf8')).Resources;
const byType = (type) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const [authorizerName, authorizerResource] = byType('AWS::ApiGateway::Authorizer')[0] ?? [];
check(authorizerResource?.Properties.Type === 'TOKEN', 'a TOKEN authorizer exists');
check(authorizerResource?.Properties.AuthorizerResultTtlInSeconds === 300, 'its result is cached 300 s');
check(authorizerResource?.Properties.IdentitySource === 'method.request.header.Authorization', 'its identity source is the Authorization header');

const guarded = byType('AWS::ApiGateway::Method').filter(([, method]) => method.Properties.AuthorizerId?.Ref === authorizerName).map(([name]) => name);
check(guarded.includes('ApiGatewayMethodUserMyprofileGet'), `GET user/myprofile is behind it (${guarded.length} methods are)`);
// a browser refreshes with the httpOnly cookie alone, no Authorization header: the authorizer would refuse it
check(resources.ApiGatewayMethodAuthRefreshPost !== undefined && !guarded.includes('ApiGatewayMethodAuthRefreshPost'), 'POST auth/refresh is public (the cookie transport refreshes without an access token)');

for (const type of ['UNAUTHORIZED', 'ACCESS_DENIED']) {
  const response = byType('AWS::ApiGateway::GatewayResponse').find(([, r]) => r.Properties.ResponseType === type)?.[1].Properties;
  check(response?.ResponseParameters['gatewayresponse.header.Content-Type'] === "'application/problem+json'", `${type} answers problem+json`);
  check(response?.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin'] !== undefined, `${type} carries CORS headers`);
}

if (failures.length) {
  failures.forEach((message) => console.error(`FAIL ${message}`));
  process.exit(1);
}
