#!/usr/bin/env bash
# The Lambda door in CI: bundles, the contract through serverless-offline, and the packaged artifact.
set -euo pipefail
cd "$(dirname "$0")/.."
export SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off

npm run build
npm run build:lambda
node scripts/lambda-offline-e2e.mjs
npx osls package
node scripts/check-lambda-package.mjs
