#!/usr/bin/env bash
# Everything a fresh machine needs before Portolan runs or tests: the Node
# runtime, the npm packages and the sandbox binaries. Safe to run again: each
# step is skipped when what it makes is already current.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/node-runtime.sh

stamp="node_modules/.portolan-install"
want="$(cat package.json package-lock.json */package.json apps/*/package.json packages/*/package.json 2>/dev/null | sha256sum | cut -c1-16)-$(node --version)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "setup: installing npm packages" >&2
  # `npm ci` installs exactly the lock file and never rewrites it, so set-up leaves the checkout
  # as it found it. The lock keeps every platform's optional packages (biome's, for one).
  npm ci --no-audit --no-fund >&2
  echo "$want" >"$stamp"
fi

PORTOLAN_SANDBOX_BIN="$(bash sandbox/build.sh)"
export PORTOLAN_SANDBOX_BIN
