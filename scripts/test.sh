#!/usr/bin/env bash
# The one test command: sets up what is missing, checks lint and types, then runs every test
# (unit and cluster) with node's test runner. Its last lines are the runner's summary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/setup.sh

echo "test: lint and format (biome)" >&2
npx --no-install biome check .
echo "test: type check (tsc)" >&2
npx --no-install tsc -p tsconfig.json
npx --no-install tsc -p apps/web/tsconfig.json
echo "test: layers point down (dependency-cruiser, .dependency-cruiser.cjs)" >&2
layered=()
for dir in apps packages sandbox/src bench scripts; do if [[ -d "$dir" ]]; then layered+=("$dir"); fi; done
npx --no-install depcruise --config .dependency-cruiser.cjs "${layered[@]}"
echo "test: PostgreSQL for the store tests" >&2
if [[ -z "${PORTOLAN_TEST_POSTGRES_URL:-}" ]]; then
  PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
  export PORTOLAN_TEST_POSTGRES_URL
  trap 'bash scripts/postgres.sh stop' EXIT
fi
echo "test: the OCI registry for the Helm tests (scripts/registry.sh: built once, then cached)" >&2
if PORTOLAN_REGISTRY_BIN="$(bash scripts/registry.sh)"; then
  export PORTOLAN_REGISTRY_BIN
else
  echo "test: the OCI registry did not build; the tests that need it are skipped and say why" >&2
fi
echo "test: unit and cluster tests" >&2
node scripts/run-tests.ts "$@"
