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

# The web console, built into apps/web/dist (git-ignored) for the server to serve at /. Rebuilt only
# when its sources, the shared API types or the lock file change: a hash of them is the stamp.
web_stamp="apps/web/dist/.portolan-build"
web_want="$(
  {
    find apps/web packages/api/src -type f -not -path 'apps/web/dist/*' -not -path '*/node_modules/*' |
      LC_ALL=C sort | xargs cat
    cat package-lock.json
  } | sha256sum | cut -c1-16
)"
if [[ ! -f "$web_stamp" || "$(cat "$web_stamp")" != "$web_want" ]]; then
  # Several shells may set up at once (tests, engineers): one builds, the others wait and find it done.
  exec 9>node_modules/.portolan-web-build.lock
  flock 9
  if [[ ! -f "$web_stamp" || "$(cat "$web_stamp")" != "$web_want" ]]; then
    echo "setup: building the web console (apps/web/dist)" >&2
    npm run build --silent -w @portolan/web >&2
    echo "$web_want" >"$web_stamp"
  fi
  exec 9>&-
fi

PORTOLAN_SANDBOX_BIN="$(bash sandbox/build.sh)"
export PORTOLAN_SANDBOX_BIN

# metrics-server, so sandboxes answer `kubectl top` and HPAs (cached like the sandbox binaries; about
# 6 minutes the first time). Without it sandboxes still start and say their metrics are unavailable.
if PORTOLAN_METRICS_SERVER_BIN="$(bash sandbox/metrics-server/build.sh)"; then
  export PORTOLAN_METRICS_SERVER_BIN
else
  echo "setup: metrics-server did not build, so sandboxes have no metrics API (kubectl top, HPAs)" >&2
  unset PORTOLAN_METRICS_SERVER_BIN
fi

# The web terminal: Debian's bubblewrap isolates each shell (installed when missing; without it terminals
# say they are unavailable and everything else runs), and tools/pty-bridge gives it a pseudo-terminal.
bash scripts/bubblewrap.sh >/dev/null || echo "setup: bubblewrap is missing, so web terminals are unavailable" >&2
PORTOLAN_PTY_BRIDGE_BIN="$(bash scripts/pty-bridge.sh)"
export PORTOLAN_PTY_BRIDGE_BIN

# The metrics engine: Debian's prometheus package unpacked into the cache (no service is started).
# Without it the server runs and says that metrics are off and why.
PORTOLAN_PROMETHEUS_BIN="$(bash scripts/prometheus.sh)" || echo "setup: Prometheus is missing, so the metrics engine is off" >&2
export PORTOLAN_PROMETHEUS_BIN
