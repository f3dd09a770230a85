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
# shellcheck source=scripts/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
apt_install "Chromium (or set PORTOLAN_CHROMIUM to another browser)" chromium fonts-noto-cjk
if ! found="$(find_chromium)"; then
  say "apt-get installed chromium but no browser is at /usr/bin/chromium"
  exit 2
fi
echo "$found"
