#!/usr/bin/env bash
# Sets up what is missing, then runs the Portolan server (http://127.0.0.1:8080 by default).
# Flags pass through: --port, --host, --data-dir, --log-level.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/setup.sh
exec node apps/server/src/main.ts "$@"
