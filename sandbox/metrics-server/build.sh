#!/usr/bin/env bash
# Builds metrics-server (sigs.k8s.io/metrics-server) from the Go module proxy into a cache directory
# keyed by its version and the Go version, so sandbox clusters answer the metrics.k8s.io API
# (`kubectl top`, HorizontalPodAutoscalers). A second run with the same inputs does nothing.
# Prints the path of the metrics-server binary last. With --cached-only it builds nothing: it prints
# the cached binary's path, or exits 1 when there is none.
#
#   PORTOLAN_CACHE_DIR   cache root (default: ${XDG_CACHE_HOME:-~/.cache}/portolan)
set -euo pipefail

MODULE="sigs.k8s.io/metrics-server"
VERSION="v0.8.0"

if ! command -v go >/dev/null 2>&1; then
  echo "metrics-server build: no Go toolchain on PATH. Install Go 1.26 or newer (https://go.dev/doc/install) and run again." >&2
  exit 2
fi

cache_root="${PORTOLAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/portolan}"
out="$cache_root/metrics-server/$VERSION-$(go env GOVERSION)"

if [[ -x "$out/bin/metrics-server" ]]; then
  echo "metrics-server build: cached metrics-server is current ($out)" >&2
  echo "$out/bin/metrics-server"
  exit 0
fi
if [[ "${1:-}" == "--cached-only" ]]; then
  echo "metrics-server build: not built yet; run bash sandbox/metrics-server/build.sh (about 6 minutes)" >&2
  exit 1
fi

started=$SECONDS
tmp="$out.partial"
rm -rf "$tmp"
mkdir -p "$tmp/bin"
log="$tmp/build.log"
echo "metrics-server build: compiling $MODULE/cmd/metrics-server@$VERSION (about 6 minutes on a cold cache)" >&2
# The version stamp metrics-server's Makefile sets: what `metrics-server --version` and its log report.
ldflags="-s -w -X k8s.io/client-go/pkg/version.gitVersion=$VERSION -X k8s.io/client-go/pkg/version.gitTreeState=clean"
# go install -v names each package as it compiles; show a count, not the flood.
if ! GOBIN="$tmp/bin" go install -v -ldflags "$ldflags" "$MODULE/cmd/metrics-server@$VERSION" 2> >(
  tee -a "$log" | awk '{ n++; if (n % 100 == 0) { printf "metrics-server build:   %d packages compiled\n", n > "/dev/stderr"; fflush("/dev/stderr") } }'
); then
  wait
  echo "metrics-server build: compiling failed after $((SECONDS - started))s; the last lines of $log:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi
wait
echo "{\"metricsServer\":\"$VERSION\",\"go\":\"$(go env GOVERSION)\",\"builtSeconds\":$((SECONDS - started))}" >"$tmp/versions.json"
rm -rf "$out"
mv "$tmp" "$out"
echo "metrics-server build: done in $((SECONDS - started))s ($out)" >&2
echo "$out/bin/metrics-server"
