#!/usr/bin/env bash
# Builds tools/pty-bridge (the small Go program that gives the web terminal's shell a pseudo-terminal:
# Node has none of its own) into a cache directory keyed by a hash of its sources and the Go version.
# A second run with the same sources does nothing. Prints the path of the binary last.
#
#   PORTOLAN_CACHE_DIR   cache root (default: ${XDG_CACHE_HOME:-~/.cache}/portolan)
set -euo pipefail

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools/pty-bridge" && pwd)"

if ! command -v go >/dev/null 2>&1; then
  echo "pty-bridge build: no Go toolchain on PATH. Install Go 1.26 or newer (https://go.dev/doc/install) and run again." >&2
  exit 2
fi

cache_root="${PORTOLAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/portolan}"
key="$(cd "$src" && cat go.mod ./*.go | { cat; go env GOVERSION; } | sha256sum | cut -c1-12)"
out="$cache_root/pty-bridge/$key"

if [[ -x "$out/pty-bridge" ]]; then
  echo "pty-bridge build: cached binary is current ($out)" >&2
  echo "$out/pty-bridge"
  exit 0
fi

started=$SECONDS
tmp="$out.partial.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
# Only the standard library: nothing is downloaded. CGO off keeps it static.
if ! (cd "$src" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/pty-bridge" .) >&2; then
  rm -rf "$tmp"
  echo "pty-bridge build: compiling $src failed" >&2
  exit 1
fi
# Several set-ups may build at once: the first to finish wins, the others use its binary.
mkdir -p "$cache_root/pty-bridge"
if ! mv -T "$tmp" "$out" 2>/dev/null; then rm -rf "$tmp"; fi
echo "pty-bridge build: done in $((SECONDS - started))s ($out)" >&2
echo "$out/pty-bridge"
