#!/usr/bin/env bash
# Fetches Debian's prometheus package (a static Go binary) and unpacks it into a cache directory keyed
# by the package version, without installing it: no system service starts, nothing outside the cache
# changes. A second run with the same version does nothing. Prints the path of the binary last.
# The metrics engine (apps/server/src/monitoring/engine/) runs this binary as PORTOLAN_PROMETHEUS_BIN.
#
#   PORTOLAN_CACHE_DIR   cache root (default: ${XDG_CACHE_HOME:-~/.cache}/portolan)
#   PORTOLAN_PROMETHEUS_BIN already set to an executable: printed as it is (a Prometheus of your own)
set -euo pipefail

say() { echo "prometheus: $*" >&2; }

if [[ -n "${PORTOLAN_PROMETHEUS_BIN:-}" && -x "${PORTOLAN_PROMETHEUS_BIN}" ]]; then
  echo "$PORTOLAN_PROMETHEUS_BIN"
  exit 0
fi

cache_root="${PORTOLAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/portolan}"
how="Install it with 'apt-get install prometheus' (Debian/Ubuntu) or download it from https://prometheus.io/download/, then set PORTOLAN_PROMETHEUS_BIN to the binary."

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  if command -v prometheus >/dev/null 2>&1; then
    command -v prometheus
    exit 0
  fi
  say "this machine has no apt-get/dpkg-deb to fetch Debian's package. $how"
  exit 2
fi

version="$(apt-cache policy prometheus 2>/dev/null | awk '/Candidate:/ { print $2 }')"
if [[ -z "$version" || "$version" == "(none)" ]]; then
  # The package lists may be missing (a fresh container): read them once.
  if [[ "$(id -u)" == 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || true
    version="$(apt-cache policy prometheus 2>/dev/null | awk '/Candidate:/ { print $2 }')"
  fi
fi
if [[ -z "$version" || "$version" == "(none)" ]]; then
  say "apt knows no 'prometheus' package. $how"
  exit 2
fi

out="$cache_root/prometheus/$(echo "$version" | tr -c 'A-Za-z0-9.+\n-' '_')"
if [[ -x "$out/prometheus" ]]; then
  say "cached binary is current ($out)"
  echo "$out/prometheus"
  exit 0
fi

started=$SECONDS
tmp="$out.partial.$$"
rm -rf "$tmp"
mkdir -p "$tmp/download"
# apt-get download fetches the .deb only (no dependencies, no install); it needs no root.
if ! (cd "$tmp/download" && apt-get download -qq -o APT::Sandbox::User="$(id -un)" "prometheus=$version") >&2; then
  rm -rf "$tmp"
  say "downloading Debian's prometheus $version failed. $how"
  exit 1
fi
dpkg-deb -x "$tmp"/download/prometheus_*.deb "$tmp/root"
if [[ ! -x "$tmp/root/usr/bin/prometheus" ]]; then
  rm -rf "$tmp"
  say "the package has no usr/bin/prometheus. $how"
  exit 1
fi
mv "$tmp/root/usr/bin/prometheus" "$tmp/prometheus"
rm -rf "$tmp/download" "$tmp/root"
# Several set-ups may fetch at once: the first to finish wins, the others use its binary.
mkdir -p "$cache_root/prometheus"
if ! mv -T "$tmp" "$out" 2>/dev/null; then rm -rf "$tmp"; fi
say "fetched Debian's prometheus $version in $((SECONDS - started))s ($out)"
echo "$out/prometheus"
