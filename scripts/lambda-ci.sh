#!/usr/bin/env bash
# The Lambda door in CI: bundles, the contract through serverless-offline, and the packaged artifact.
set -euo pipefail
cd "$(dirname "$0")/.."
export SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off

npm run build # dist/: the checks' helpers (the embedded database, the token module); the bundles are built by
# osls itself before each offline start and package (serverless/build-plugin.cjs)
rm -rf .esbuild .serverless # as in a fresh clone: nothing built is left to package by mistake
node scripts/lambda-offline-e2e.mjs
# again under ES256: the API signs with a private key, the authorizer verifies with the public key alone
node scripts/lambda-offline-e2e.mjs ES256
# with nothing set at all (no AWS variable, no ~/.aws, no secret): development values, named in the log
node scripts/lambda-offline-dev.mjs
# the plain environment override of serverless.yml's SSM references: packaging needs no AWS credentials
JWT_SECRET=package-check-placeholder-not-a-secret MFA_ENCRYPTION_KEY=cGFja2FnZS1jaGVjay1wbGFjZWhvbGRlci0wMDAwMDA= SMTP_URL=smtp://127.0.0.1:25 MONGODB_URI=mongodb://127.0.0.1:27017/authgate-package-check npx osls package
node scripts/check-lambda-package.mjs
# the default: the secrets from SSM Parameter Store (a local stand-in for its API)
node scripts/check-lambda-ssm.mjs
