#!/usr/bin/env bash
# A throwaway PostgreSQL for the store tests and benchmarks: 127.0.0.1 on a free port, its unix socket
# and data in a temporary directory, owned by a non-root user (PostgreSQL refuses to run as root).
#
#   bash scripts/postgres.sh start   installs the Debian package if missing, starts the server unless it
#                                    already runs, and prints its connection URL (the only stdout line)
#   bash scripts/postgres.sh url     prints the URL of the running server, or fails
#   bash scripts/postgres.sh stop    stops the server and removes its data
#
# Typical use:  export PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
#               trap 'bash scripts/postgres.sh stop' EXIT
# PORTOLAN_POSTGRES_DIR moves the directory (default: $TMPDIR/portolan-postgres-<uid>).
# PORTOLAN_POSTGRES_SHARED_BUFFERS sizes PostgreSQL's buffer cache (default 256MB, enough for tests;
# benchmarks at a million objects use 4GB, a quarter of this machine's memory as PostgreSQL advises).
set -euo pipefail

command="${1:-}"
base="${PORTOLAN_POSTGRES_DIR:-${TMPDIR:-/tmp}/portolan-postgres-$(id -u)}"
data="$base/data"
socket_dir="$base/socket"
url_file="$base/url"

say() { echo "postgres: $*" >&2; }

find_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$dir" && -x "$dir/pg_ctl" ]] && echo "$dir"
}

install_postgres() {
  if [[ -n "$(find_bin)" ]]; then return; fi
  # shellcheck source=scripts/apt-install.sh
  source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
  apt_install PostgreSQL postgresql
  if [[ -z "$(find_bin)" ]]; then
    say "apt-get installed postgresql but no server binaries are in /usr/lib/postgresql/*/bin"
    exit 2
  fi
}

# Runs a PostgreSQL program as the owner of the data: the postgres user when we are root.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

is_running() {
  local bin
  bin="$(find_bin)" || return 1
  [[ -f "$data/postmaster.pid" && -f "$url_file" ]] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  say "found no free port between 20000 and 50000"
  exit 1
}

start() {
  install_postgres
  if is_running; then
    cat "$url_file"
    return
  fi
  local bin password port
  bin="$(find_bin)"
  rm -rf "$base"
  mkdir -p "$data" "$socket_dir"
  chmod 700 "$base"
  password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s\n' "$password" >"$base/password"
  if [[ "$(id -u)" == 0 ]]; then chown -R postgres: "$base"; fi
  as_owner "$bin/initdb" -D "$data" -U portolan --pwfile="$base/password" -A scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 || {
    say "initdb failed; see $base/initdb.log"
    exit 1
  }
  rm -f "$base/password"
  for attempt in 1 2 3; do
    port="$(free_port)"
    # Throwaway settings: durability off makes tests and benchmarks faster and is fine for data we discard.
    # 300 connections: a full test run peaked at 82 (the replica tests run three servers of 14-16 each
    # beside the tests' own pools); at 100 a refused connection would fail a test with nothing wrong.
    if as_owner "$bin/pg_ctl" start -D "$data" -l "$base/server.log" -w -t 60 -o \
      "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$socket_dir \
       -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=${PORTOLAN_POSTGRES_SHARED_BUFFERS:-256MB} \
       -c max_connections=300" >/dev/null 2>&1; then
      local url="postgresql://portolan:$password@127.0.0.1:$port/postgres"
      printf '%s\n' "$url" >"$url_file"
      chmod 600 "$url_file"
      say "running on 127.0.0.1:$port (data in $data, log in $base/server.log); stop with: bash scripts/postgres.sh stop"
      echo "$url"
      return
    fi
    say "start on port $port failed (attempt $attempt); see $base/server.log"
  done
  exit 1
}

stop() {
  local bin
  if bin="$(find_bin)" && [[ -f "$data/postmaster.pid" ]]; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null 2>&1 || true
    say "stopped"
  fi
  rm -rf "$base"
}

case "$command" in
start) start ;;
stop) stop ;;
url)
  if is_running; then cat "$url_file"; else
    say "not running; start it with: bash scripts/postgres.sh start"
    exit 1
  fi
  ;;
*)
  echo "usage: bash scripts/postgres.sh start|url|stop" >&2
  exit 2
  ;;
esac
