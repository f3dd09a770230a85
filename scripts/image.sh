#!/usr/bin/env bash
# Builds Portolan's OCI image without a Docker daemon, with Debian's buildah (apt-get install
# buildah) on the vfs storage driver, which works as root without overlay mounts.
#
#   bash scripts/image.sh [--output FILE] [--tag NAME] [--rootfs-only DIR]
#
#   --output FILE      the image as an OCI archive (default ~/.cache/portolan/image/portolan-image.tar);
#                      load it with `podman load -i FILE`, push it with
#                      `skopeo copy oci-archive:FILE docker://registry.example.com/portolan:TAG`
#   --tag NAME         the name recorded in the archive (default portolan:dev)
#   --rootfs-only DIR  stop after staging the image's file tree in DIR (no buildah needed)
#
# The image holds only what the server runs on: the Node runtime from scripts/node-runtime.sh's
# cache, openssl (for the proxy's self-signed certificate) and the C libraries they and
# better-sqlite3 link against (from this machine, Debian), the server's source without tests, and
# the production npm packages (`npm ci --omit=dev`, staged in a temporary directory). It runs as uid 10001 with `node apps/server/src/main.ts` in /app, keeps its
# data in /data and listens on 8080 (HTTP) and 8443 (the Kubernetes API proxy).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/node-runtime.sh

output="$PORTOLAN_CACHE_DIR/image/portolan-image.tar"
tag="portolan:dev"
rootfs_only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --output) output="$(realpath -m "$2")"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --rootfs-only) rootfs_only="$(realpath -m "$2")"; shift 2 ;;
    *) echo "image: unknown argument $1; see the top of scripts/image.sh" >&2; exit 2 ;;
  esac
done

PORTOLAN_IMAGE_UID=10001
work="$(mktemp -d "${TMPDIR:-/tmp}/portolan-image-XXXXXX")"
trap 'rm -rf "$work"' EXIT
rootfs="${rootfs_only:-$work/rootfs}"
rm -rf "$rootfs"
mkdir -p "$rootfs/app" "$rootfs/usr/local/bin" "$rootfs/etc" "$rootfs/tmp"
chmod 1777 "$rootfs/tmp"

echo "image: staging the server's source" >&2
# The checkout's files (tracked and new, not ignored), without tests, test support or the sandbox's Go
# build: the image cannot build sandbox binaries, it manages clusters it is given. Every
# workspace's package.json goes in, as `npm ci` checks them against the lock file.
git ls-files -z --cached --others --exclude-standard -- \
   package.json package-lock.json '*/package.json' apps/server/src packages sandbox/src |
  grep -zv -e '\.test\.ts$' -e '/testing/' |
  while IFS= read -r -d '' file; do
    # A tracked file removed from the working tree is not part of what runs.
    if [[ -f "$file" ]]; then cp --parents -t "$rootfs/app" "$file"; fi
  done

echo "image: installing production npm packages" >&2
# better-sqlite3 ships prebuilt addons for every Node ABI it supports, so no install script runs.
(cd "$rootfs/app" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
find "$rootfs/app/node_modules/better-sqlite3/prebuilds" -type f ! -name 'linux-x64.node' -delete
rm -rf "$rootfs/app/node_modules/better-sqlite3/deps" "$rootfs/app/node_modules/better-sqlite3/src"

echo "image: adding the Node runtime, openssl and the libraries they link against" >&2
node_bin="$(command -v node)"
cp "$node_bin" "$rootfs/usr/local/bin/node"
# The server runs `openssl req` to make the proxy's self-signed certificate when none is given.
openssl_bin="$(command -v openssl || true)"
if [[ -z "$openssl_bin" ]]; then
  echo "image: openssl is needed in the image: apt-get install -y openssl, then run again" >&2
  exit 2
fi
mkdir -p "$rootfs/usr/bin" "$rootfs/usr/lib/ssl"
cp "$openssl_bin" "$rootfs/usr/bin/openssl"
cp -L /usr/lib/ssl/openssl.cnf "$rootfs/usr/lib/ssl/openssl.cnf"
for binary in "$node_bin" "$openssl_bin" "$rootfs/app/node_modules/better-sqlite3/prebuilds/linux-x64.node"; do
  ldd "$binary" | grep -o '/[^ ]*' | while read -r library; do
    mkdir -p "$rootfs$(dirname "$library")"
    cp -L "$library" "$rootfs$library"
  done
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nportolan:x:%s:%s:Portolan:/data:/sbin/nologin\n' \
  "$PORTOLAN_IMAGE_UID" "$PORTOLAN_IMAGE_UID" >"$rootfs/etc/passwd"
printf 'root:x:0:\nportolan:x:%s:\n' "$PORTOLAN_IMAGE_UID" >"$rootfs/etc/group"

if [[ -n "$rootfs_only" ]]; then
  # The server's own directory, as the packed image has it (chown needs root; skipped otherwise).
  mkdir -p "$rootfs/data"
  chown "$PORTOLAN_IMAGE_UID:$PORTOLAN_IMAGE_UID" "$rootfs/data" 2>/dev/null || true
  echo "image: file tree staged in $rootfs" >&2
  exit 0
fi

# buildah is Debian's package: installed here once when missing, as postgres.sh installs PostgreSQL.
if ! command -v buildah >/dev/null 2>&1; then
  if [[ "$(id -u)" != 0 ]]; then
    echo "image: buildah is needed to pack the image: sudo apt-get install -y buildah (Debian), then run again" >&2
    exit 2
  fi
  echo "image: installing the Debian buildah package" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends buildah >&2
fi
echo "image: packing with buildah" >&2
bh=(buildah --storage-driver vfs)
container="$("${bh[@]}" from scratch)"
trap '"${bh[@]}" rm "$container" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# Everything belongs to root and is read-only to the server; only /data is its own.
"${bh[@]}" copy --chown 0:0 "$container" "$rootfs" / >/dev/null
mkdir -p "$work/data-root/data"
"${bh[@]}" copy --chown "$PORTOLAN_IMAGE_UID:$PORTOLAN_IMAGE_UID" "$container" "$work/data-root" / >/dev/null
"${bh[@]}" config \
  --user "$PORTOLAN_IMAGE_UID:$PORTOLAN_IMAGE_UID" \
  --workingdir /app \
  --entrypoint '["node", "apps/server/src/main.ts"]' \
  --cmd '[]' \
  --env PATH=/usr/local/bin:/usr/bin \
  --env NODE_ENV=production \
  --env PORTOLAN_HOST=0.0.0.0 \
  --env PORTOLAN_DATA_DIR=/data \
  --port 8080 --port 8443 \
  --volume /data \
  --label org.opencontainers.image.title=Portolan \
  --label "org.opencontainers.image.version=$(git rev-parse --short HEAD)" \
  "$container"
mkdir -p "$(dirname "$output")"
rm -f "$output"
"${bh[@]}" commit --quiet --format oci --timestamp 0 "$container" "oci-archive:$output:$tag" >/dev/null
echo "image: $output ($tag, $(du -h "$output" | cut -f1))" >&2
echo "$output"
