#!/usr/bin/env bash
# Starts Debian's Docker engine on a private socket, without the networking it cannot set up here.
# Prints the DOCKER_HOST to use and the daemon's pid file; the caller stops it (kill the pid).
# Usage: eval "$(scripts/docker-engine.sh DIR)"
set -euo pipefail
dir=${1:?a directory for the engine}
mkdir -p "$dir"
if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap) >"$dir/apt.log" 2>&1
fi
sock=$dir/docker.sock
dockerd --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
  --data-root="${AUTHGATE_DOCKER_ROOT:-/var/lib/authgate-docker}" --exec-root="$dir/exec" --pidfile="$dir/dockerd.pid" \
  --host="unix://$sock" >"$dir/dockerd.log" 2>&1 &
for _ in $(seq 60); do
  DOCKER_HOST=unix://$sock docker info >/dev/null 2>&1 && break
  sleep 0.5
done
DOCKER_HOST=unix://$sock docker info >/dev/null 2>&1 || { cat "$dir/dockerd.log" >&2; exit 1; }
echo "export DOCKER_HOST=unix://$sock DOCKERD_PID=$(cat "$dir/dockerd.pid")"
