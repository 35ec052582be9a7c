#!/usr/bin/env bash
# The orders-service example (examples/orders-service) against a real authgate: its own install, typecheck and
# tests. The tests start authgate from dist/ (ES256 keys, an admin key), the example as `npm start` runs it, and a
# MongoDB-compatible server (MONGODB_URI, else authgate's embedded one), and package its serverless.yml.
set -euo pipefail
cd "$(dirname "$0")/.."
export SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off

npm run build # dist/server.js and dist/embedded-db.js, which the example's tests start
cd examples/orders-service
npm ci --no-audit --no-fund --prefer-offline
npm run typecheck
npm test
