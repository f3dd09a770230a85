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
if [[ "$(id -u)" != 0 ]]; then
  say "bubblewrap is not installed; run 'sudo apt-get install -y bubblewrap util-linux' and try again (web terminals stay unavailable until then)."
  exit 2
fi
say "installing the Debian bubblewrap package"
# Another process (a second set-up, another engineer's install) may hold dpkg's lock: wait for it.
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
  bubblewrap util-linux >&2
if ! found="$(command -v bwrap)"; then
  say "apt-get installed bubblewrap but no bwrap is on PATH"
  exit 2
fi
echo "$found"
