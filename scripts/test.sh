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
echo "test: the S3 server for the backup tests (scripts/versitygw.sh: built once, then cached)" >&2
if PORTOLAN_VERSITYGW_BIN="$(bash scripts/versitygw.sh)"; then
  export PORTOLAN_VERSITYGW_BIN
else
  export PORTOLAN_VERSITYGW_SKIP="versitygw did not build (scripts/versitygw.sh failed); the S3 backup tests are skipped"
  echo "test: $PORTOLAN_VERSITYGW_SKIP" >&2
fi
echo "test: Kubernetes v1.36.1 and v1.36.3 and etcdutl for the upgrade tests (sandbox/versions/build.sh: built once, then cached)" >&2
for target in v1.36.1 v1.36.3 etcdutl; do
  bash sandbox/versions/build.sh "$target" >/dev/null || echo "test: building $target failed; the upgrade tests will build it themselves" >&2
done
echo "test: unit and cluster tests" >&2
node scripts/run-tests.ts "$@"
