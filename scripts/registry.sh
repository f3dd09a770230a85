#!/usr/bin/env bash
# Builds the OCI distribution registry (github.com/distribution/distribution/v3/cmd/registry) from
# the Go module proxy into a cache directory keyed by its version, for the Helm tests that push and
# pull charts over the OCI distribution API. A second run with the same version does nothing.
# Prints the path of the registry binary last.
#
#   PORTOLAN_CACHE_DIR   cache root (default: ${XDG_CACHE_HOME:-~/.cache}/portolan)
set -euo pipefail

REGISTRY_MODULE="github.com/distribution/distribution/v3"
REGISTRY_VERSION="v3.0.0"

if ! command -v go >/dev/null 2>&1; then
  echo "registry build: no Go toolchain on PATH. Install Go 1.26 or newer (https://go.dev/doc/install) and run again." >&2
  exit 2
fi

cache_root="${PORTOLAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/portolan}"
out="$cache_root/registry/distribution-$REGISTRY_VERSION-$(go env GOVERSION)"

if [[ -x "$out/bin/registry" ]]; then
  echo "registry build: cached registry is current ($out)" >&2
  echo "$out/bin/registry"
  exit 0
fi

started=$SECONDS
tmp="$out.partial"
rm -rf "$tmp"
mkdir -p "$tmp/bin"
log="$tmp/build.log"
echo "registry build: compiling $REGISTRY_MODULE/cmd/registry@$REGISTRY_VERSION (a few minutes on a cold cache)" >&2
# go install -v names each package as it compiles; show a count, not the flood.
if ! GOBIN="$tmp/bin" go install -v -ldflags "-s -w" "$REGISTRY_MODULE/cmd/registry@$REGISTRY_VERSION" 2> >(
  tee -a "$log" | awk '{ n++; if (n % 100 == 0) { printf "registry build:   %d packages compiled\n", n > "/dev/stderr"; fflush("/dev/stderr") } }'
); then
  wait
  echo "registry build: compiling the registry failed after $((SECONDS - started))s; the last lines of $log:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi
wait
rm -rf "$out"
mv "$tmp" "$out"
echo "registry build: done in $((SECONDS - started))s ($out)" >&2
echo "$out/bin/registry"
