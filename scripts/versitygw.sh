#!/usr/bin/env bash
# Builds versitygw (github.com/versity/versitygw/cmd/versitygw), an S3-compatible gateway with a
# posix backend, from the Go module proxy into a cache directory keyed by its version and Go's, for
# the backup tests that write archives to S3. A second run with the same versions does nothing.
# Prints the path of the versitygw binary last.
#
#   PORTOLAN_CACHE_DIR   cache root (default: ${XDG_CACHE_HOME:-~/.cache}/portolan)
set -euo pipefail

VGW_MODULE="github.com/versity/versitygw"
# v1.8.0's go.mod asks for Go 1.25, which the Go on these machines (1.26) covers.
VGW_VERSION="v1.8.0"

if ! command -v go >/dev/null 2>&1; then
  echo "versitygw build: no Go toolchain on PATH. Install Go 1.26 or newer (https://go.dev/doc/install) and run again." >&2
  exit 2
fi

cache_root="${PORTOLAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/portolan}"
out="$cache_root/versitygw/$VGW_VERSION-$(go env GOVERSION)"

if [[ -x "$out/bin/versitygw" ]]; then
  echo "versitygw build: cached versitygw is current ($out)" >&2
  echo "$out/bin/versitygw"
  exit 0
fi

started=$SECONDS
tmp="$out.partial"
rm -rf "$tmp"
mkdir -p "$tmp/bin"
log="$tmp/build.log"
echo "versitygw build: compiling $VGW_MODULE/cmd/versitygw@$VGW_VERSION (a few minutes on a cold cache)" >&2
# go install -v names each package as it compiles; show a count, not the flood.
if ! GOBIN="$tmp/bin" go install -v -ldflags "-s -w" "$VGW_MODULE/cmd/versitygw@$VGW_VERSION" 2> >(
  tee -a "$log" | awk '{ n++; if (n % 100 == 0) { printf "versitygw build:   %d packages compiled\n", n > "/dev/stderr"; fflush("/dev/stderr") } }'
); then
  wait
  echo "versitygw build: compiling versitygw failed after $((SECONDS - started))s; the last lines of $log:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi
wait
rm -rf "$out"
mv "$tmp" "$out"
echo "versitygw build: done in $((SECONDS - started))s ($out)" >&2
echo "$out/bin/versitygw"
