#!/usr/bin/env bash
# Everything a fresh machine needs before Portolan runs or tests: the Node
# runtime, the npm packages and the sandbox binaries. Safe to run again: each
# step is skipped when what it makes is already current.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/node-runtime.sh

stamp="node_modules/.portolan-install"
want="$(cat package.json package-lock.json */package.json apps/*/package.json 2>/dev/null | sha256sum | cut -c1-16)-$(node --version)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "setup: installing npm packages" >&2
  # `npm install` honours the lock file; `npm ci` refuses locks that lack other platforms'
  # optional packages (biome's, for one), which npm here leaves out.
  npm install --no-audit --no-fund >&2
  echo "$want" >"$stamp"
fi

PORTOLAN_SANDBOX_BIN="$(bash sandbox/build.sh)"
export PORTOLAN_SANDBOX_BIN
