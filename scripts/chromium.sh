#!/usr/bin/env bash
# Debian's Chromium for the console's browser tests and screenshots (playwright-core drives it; no
# browser is downloaded from anywhere but Debian's archive).
#
#   bash scripts/chromium.sh   installs the Debian chromium package if missing (as root, apt-get) and
#                              prints the browser's path (the only stdout line)
#
# PORTOLAN_CHROMIUM names another browser binary and skips the install.
set -euo pipefail

say() { echo "chromium: $*" >&2; }

find_chromium() {
  local candidate
  for candidate in "${PORTOLAN_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if found="$(find_chromium)"; then
  echo "$found"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  say "Chromium is not installed; run 'sudo apt-get install -y chromium' (or set PORTOLAN_CHROMIUM) and try again."
  exit 2
fi
say "installing the Debian chromium package"
# Another process (a second test, another engineer's install) may hold dpkg's lock: wait for it.
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
  chromium fonts-noto-cjk >&2
if ! found="$(find_chromium)"; then
  say "apt-get installed chromium but no browser is at /usr/bin/chromium"
  exit 2
fi
echo "$found"
