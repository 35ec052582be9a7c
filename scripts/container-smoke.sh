#!/usr/bin/env bash
# CI for the container door: build the real Dockerfile with a real Docker engine, run the image against the
# test database, and check what a user relies on: health, the contract, the node user, a lean image.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
container='' standin=''
cleanup() {
  [ -n "$container" ] && docker rm -f "$container" >/dev/null 2>&1 || true
  [ -n "$standin" ] && kill "$standin" 2>/dev/null || true
  if [ -n "${DOCKERD_PID:-}" ] && kill "$DOCKERD_PID" 2>/dev/null; then
    # wait for the engine and its containerd to let go of the data root, or the next run cannot start
    for _ in $(seq 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  umount "$work/engine/exec/netns/default" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT
fail() { echo "FAIL $*" >&2; exit 1; }

engine=$(scripts/docker-engine.sh "$work/engine") || fail "the Docker engine did not start"
eval "$engine"
scripts/container-base-image.sh
start=$SECONDS
docker build --network=host -t authgate . >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "docker build"; }
echo "ok   docker build in $((SECONDS - start)) s; image $(docker image inspect authgate --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}')"

# the test database: the mongo-java-server stand-in on a port of its own
java -cp ".tools/mongo-stand-in/*" tools/mongo-stand-in/Launcher.java 0 >"$work/mongo.log" 2>&1 &
standin=$!
for _ in $(seq 60); do grep -q '^listening on' "$work/mongo.log" && break; sleep 0.5; done
mongo_port=$(awk '/^listening on/ {print $3}' "$work/mongo.log")
[ -n "$mongo_port" ] || fail "the stand-in MongoDB did not start"

free_port() { node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})"; }
port=$(free_port)
# production allows only SMTP: the contract smoke starts a real SMTP server on this host port and reads the reset link there
mail_port=$(free_port)
# webhooks: production sends to https only, and to loopback only with WEBHOOK_ALLOW_PRIVATE=true; the contract smoke's
# receiver listens on the host's loopback (shared through the host network) with this certificate, which the
# container's Node trusts through NODE_EXTRA_CA_CERTS
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/receiver-key.pem" -out "$work/receiver-cert.pem" 2>/dev/null
chmod 644 "$work/receiver-cert.pem"
admin_key="container-smoke-admin-$(openssl rand -hex 16)"
# APP_URL: as behind a TLS proxy, the pages are https://auth.example.com (the session cookie is Secure, that origin allowed)
container=$(docker run -d --network=host -e PORT="$port" -e MONGODB_URI="mongodb://127.0.0.1:$mongo_port/authgate-container" \
  -e APP_URL=https://auth.example.com -e JWT_SECRET="container-smoke-secret-$(date +%s)-0123456789" -e MFA_ENCRYPTION_KEY="$(openssl rand -base64 32)" \
  -e MAIL_TRANSPORT=smtp -e SMTP_URL="smtp://127.0.0.1:$mail_port" -e MAIL_FROM="authgate <no-reply@authgate.test>" \
  -e ADMIN_API_KEYS="$admin_key" -e WEBHOOK_ALLOW_PRIVATE=true \
  -v "$work/receiver-cert.pem:/run/receiver-cert.pem:ro" -e NODE_EXTRA_CA_CERTS=/run/receiver-cert.pem authgate)
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { docker logs "$container"; fail "/health did not answer"; }
echo "ok   /health answers"
for _ in $(seq 60); do [ "$(docker inspect -f '{{.State.Health.Status}}' "$container")" = healthy ] && break; sleep 1; done
[ "$(docker inspect -f '{{.State.Health.Status}}' "$container")" = healthy ] || fail "the HEALTHCHECK did not turn healthy"
echo "ok   the image's HEALTHCHECK turned healthy"

MAIL_SINK_PORT="$mail_port" ADMIN_API_KEY="$admin_key" WEBHOOK_TLS_KEY="$work/receiver-key.pem" \
  WEBHOOK_TLS_CERT="$work/receiver-cert.pem" node scripts/contract-smoke.mjs "http://127.0.0.1:$port" https://auth.example.com ||
  { docker logs "$container" | tail -20; fail "the contract through the container"; }

[ "$(docker image inspect authgate -f '{{.Config.User}}')" = node ] || fail "the image's USER is not node"
[ "$(docker run --rm authgate id -un)" = node ] || fail "the container does not run as node"
echo "ok   runs as node"
files=$(docker run --rm authgate ls -a /app)
for unwanted in test src .env bench scripts tools; do
  grep -qx "$unwanted" <<<"$files" && fail "/app holds $unwanted"
done
modules=$(docker run --rm authgate ls node_modules)
for dev in jest typescript osls serverless-offline esbuild mongodb-memory-server supertest node; do
  grep -qx "$dev" <<<"$modules" && fail "node_modules holds the dev dependency $dev"
done
echo "ok   /app holds $(tr '\n' ' ' <<<"$files")— no tests, sources, .env or dev dependencies"
docker run --rm authgate node -e "require('bcrypt').hashSync('x', 4)" || fail "bcrypt does not load in the image"
echo "ok   bcrypt's native module loads in the image"
docker stop -t 10 "$container" >/dev/null
[ "$(docker inspect -f '{{.State.ExitCode}}' "$container")" = 0 ] || fail "the container did not shut down cleanly on SIGTERM"
echo "ok   on SIGTERM the server shuts down cleanly (exit 0) within docker stop's 10 s"
