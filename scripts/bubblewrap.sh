#!/usr/bin/env bash
# Debian's bubblewrap, which isolates each web terminal's shell (apps/server/src/terminals/
# local-sandbox-runner.ts), and util-linux's prlimit, which sets its limits.
#
#   bash scripts/bubblewrap.sh   installs the Debian bubblewrap package if missing (as root, apt-get)
#                                and prints bwrap's path (the only stdout line)
set -euo pipefail

say() { echo "bubblewrap: $*" >&2; }

if found="$(command -v bwrap)" && command -v prlimit >/dev/null; then
  echo "$found"
  exit 0
fi
# shellcheck source=scripts/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
apt_install "bubblewrap (web terminals stay unavailable until then)" bubblewrap util-linux
if ! found="$(command -v bwrap)"; then
  say "apt-get installed bubblewrap but no bwrap is on PATH"
  exit 2
fi
echo "$found"
