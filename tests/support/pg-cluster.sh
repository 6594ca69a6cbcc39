#!/usr/bin/env bash
# A throw-away PostgreSQL 15 + PostGIS cluster for the test suite (CI and developers).
#
#   tests/support/pg-cluster.sh start    # initdb a fresh cluster, start it, print its DATABASE_URL
#   tests/support/pg-cluster.sh restart  # stop and delete any cluster, then start a fresh one
#   tests/support/pg-cluster.sh url      # print the DATABASE_URL
#   tests/support/pg-cluster.sh status   # exit 0 when the cluster answers
#   tests/support/pg-cluster.sh logs     # print the server log (the last 200 lines)
#   tests/support/pg-cluster.sh stop     # stop it and delete its files
#
#   DATABASE_URL=$(tests/support/pg-cluster.sh start) npm test
#
# Only the URL goes to stdout; progress and errors go to stderr. `start` and `stop` are idempotent:
# `start` on a running cluster only makes sure the role, databases and extension exist; `start`
# after a crashed or killed run removes the leftovers first; `stop` with nothing running succeeds.
#
# The cluster lives in $BELCHEER_PG_DIR (default /tmp/belcheer-pg): the data directory, the Unix
# socket and the server log. It listens on 127.0.0.1:$BELCHEER_PG_PORT (default 55432), never on
# the default port, so it does not clash with a PostgreSQL already on the machine. It is tuned for
# speed, not durability (fsync off): never keep anything in it.
#
# initdb refuses to run as root, so as root every server command runs as the `postgres` user and
# the directory belongs to it; as anyone else the commands run as the current user.
#
# It creates the role `belcheer` (password `belcheer`, superuser — as POSTGRES_USER is in the
# postgis/postgis image that docker-compose.yml uses) and the databases `belcheer_test` (the one in
# the URL) and `belcheer`, both owned by it with the postgis extension.
#
# Needs PostgreSQL 15 and PostGIS 3 (Debian: postgresql-15 postgresql-15-postgis-3). Binaries are
# taken from $PG_BIN, else /usr/lib/postgresql/15/bin, else wherever `initdb` is on the PATH.
set -euo pipefail

PORT="${BELCHEER_PG_PORT:-55432}"
BASE="${BELCHEER_PG_DIR:-/tmp/belcheer-pg}"
DATA="$BASE/data"
LOG="$BASE/postgres.log"
ROLE=belcheer
PASSWORD=belcheer
TEST_DB=belcheer_test
URL="postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$TEST_DB"

say() { printf 'pg-cluster: %s\n' "$*" >&2; }
die() {
  printf 'pg-cluster: ERROR: %s\n' "$*" >&2
  exit 1
}

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    printf '%s\n' "$PG_BIN"
  elif [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    printf '%s\n' /usr/lib/postgresql/15/bin
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  else
    return 1
  fi
}

# Run a PostgreSQL program as the cluster's owner, from a directory that user can enter.
if [[ $(id -u) -eq 0 ]]; then
  OWNER=postgres
  as_owner() { (cd / && runuser -u postgres -- "$@"); }
else
  OWNER=$(id -un)
  as_owner() { (cd / && "$@"); }
fi

bin() {
  local dir
  dir=$(find_bin) || die "PostgreSQL not found: install postgresql-15 and postgresql-15-postgis-3 (Debian/Ubuntu), or set PG_BIN to the directory holding initdb and pg_ctl"
  [[ -x "$dir/$1" ]] || die "$dir/$1 not found (set PG_BIN?)"
  printf '%s/%s\n' "$dir" "$1"
}

# Superuser psql over the private Unix socket (trust auth; the socket directory is mode 0700).
psql_admin() { as_owner env PGOPTIONS='-c client_min_messages=warning' "$(bin psql)" -X -q -v ON_ERROR_STOP=1 -h "$BASE" -p "$PORT" -U postgres "$@"; }

running() {
  [[ -S "$BASE/.s.PGSQL.$PORT" ]] || return 1
  as_owner "$(bin pg_isready)" -q -h "$BASE" -p "$PORT" -U postgres -d postgres 2>/dev/null
}

# Stop whatever a previous run left behind and delete the directory. Safe to call at any time.
cleanup() {
  if [[ -f "$DATA/postmaster.pid" ]]; then
    say "stopping the cluster in $DATA"
    as_owner "$(bin pg_ctl)" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_owner "$(bin pg_ctl)" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    # The server may be gone with a stale pid file, or refuse to stop: make sure of it.
    local pid
    pid=$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
      grep -q postgres "/proc/$pid/comm" 2>/dev/null; then
      say "postmaster $pid did not stop; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
    fi
  fi
  if [[ -e "$BASE" ]]; then
    rm -rf -- "$BASE"
  fi
}

port_busy() {
  # bash's /dev/tcp: a successful connect means something else listens there.
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

setup_databases() {
  psql_admin -d postgres >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN SUPERUSER PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE $TEST_DB OWNER $ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$TEST_DB') \gexec
SELECT 'CREATE DATABASE $ROLE OWNER $ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$ROLE') \gexec
SQL
  local db
  for db in "$TEST_DB" "$ROLE"; do
    psql_admin -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS postgis' >&2 ||
      die "CREATE EXTENSION postgis failed in $db: install PostGIS 3 for PostgreSQL 15 (Debian: postgresql-15-postgis-3)"
  done
}

start() {
  if running; then
    say "already running on 127.0.0.1:$PORT ($DATA)"
    setup_databases
    printf '%s\n' "$URL"
    return 0
  fi
  if [[ -e "$BASE" ]]; then
    say "removing the leftovers of an earlier cluster in $BASE"
    cleanup
  fi
  if port_busy; then
    die "127.0.0.1:$PORT is taken by another server; pick a free port with BELCHEER_PG_PORT=…"
  fi
  if [[ "$OWNER" == postgres ]] && ! getent passwd postgres >/dev/null; then
    die "running as root, but there is no 'postgres' user to own the cluster (install postgresql-15)"
  fi

  say "initdb into $DATA (owner $OWNER)"
  mkdir -p "$BASE"
  chmod 0700 "$BASE"
  [[ "$OWNER" == postgres ]] && chown postgres: "$BASE"
  if ! as_owner "$(bin initdb)" -D "$DATA" -U postgres -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$BASE/initdb.log" 2>&1; then
    cat "$BASE/initdb.log" >&2
    die "initdb failed"
  fi

  say "starting on 127.0.0.1:$PORT, socket in $BASE"
  local opts="-p $PORT -k $BASE -c listen_addresses=127.0.0.1"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  opts+=" -c max_connections=200 -c shared_buffers=128MB"
  if ! as_owner "$(bin pg_ctl)" -D "$DATA" -l "$LOG" -o "$opts" -w -t 60 start >/dev/null; then
    tail -n 50 "$LOG" >&2 || true
    die "the server did not start (log above, in $LOG)"
  fi
  local i
  for ((i = 0; i < 60; i++)); do
    running && break
    sleep 0.5
  done
  running || die "the server does not answer on $BASE/.s.PGSQL.$PORT"

  setup_databases

  # Check the URL the tests will use: TCP, password, PostGIS.
  local version
  version=$(PGCONNECT_TIMEOUT=10 as_owner "$(bin psql)" -X -tA "$URL" -c 'SELECT postgis_lib_version()') ||
    die "cannot connect with $URL"
  say "ready: PostgreSQL $("$(bin postgres)" --version | awk '{print $3}'), PostGIS $version"
  printf '%s\n' "$URL"
}

stop() {
  if [[ -e "$BASE" ]]; then
    cleanup
    say "stopped and removed $BASE"
  else
    say "not running"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart)
    stop
    start
    ;;
  url) printf '%s\n' "$URL" ;;
  status)
    if running; then
      say "running on 127.0.0.1:$PORT ($DATA)"
    else
      say "not running"
      exit 1
    fi
    ;;
  logs) tail -n 200 "$LOG" 2>/dev/null || say "no log at $LOG" ;;
  *)
    printf 'usage: %s start|stop|restart|url|status|logs\n' "$0" >&2
    exit 2
    ;;
esac
