#!/usr/bin/env bash
# Throwaway PostgreSQL 15 and Redis for the integration tests, on loopback and free ports.
#
#   scripts/test-services.sh start    start both (reuses them when they are already up)
#   scripts/test-services.sh stop     stop both and delete their files (safe after a failed start)
#   scripts/test-services.sh env      print the env file (for `set -a; . FILE; set +a`)
#   scripts/test-services.sh status   say what is running (exit 1 if not both)
#   scripts/test-services.sh pg-stop / pg-start / redis-stop / redis-start
#                                     fault injection: stop one, start it again on the same port
#
# Everything lives in one temp dir (data, sockets, logs, pid files). Two files in the build dir
# (KEDAI_BUILD_DIR, default <repo>/build) tell later commands where it is:
#   test-services.state   written first, so `stop` can clean up after a half-failed start
#   test-services.env     written last, only when both services answer:
#     TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:PORT/kedai_test
#     TEST_REDIS_URL=redis://127.0.0.1:PORT/0
# As root, PostgreSQL runs as the `postgres` user (initdb refuses root); otherwise as the caller.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${KEDAI_BUILD_DIR:-$ROOT/build}
STATE_FILE=$BUILD_DIR/test-services.state
ENV_FILE=$BUILD_DIR/test-services.env
TEST_DB=kedai_test

log() { echo "test-services: $*"; }
die() { echo "test-services: error: $*" >&2; exit 1; }

find_pg_bindir() {
  if [[ -n ${PG_BINDIR:-} ]]; then
    echo "$PG_BINDIR"
    return
  fi
  local d
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [[ -x $d/initdb && -x $d/pg_ctl ]]; then
      echo "$d"
      return
    fi
  done
  die "PostgreSQL server binaries not found (install postgresql-15: scripts/install-deps.sh --test)"
}

# A port nobody listens on, from a range away from the usual services. Binding can still race
# with another process, so the callers retry on failure.
free_port() {
  local port i
  for ((i = 0; i < 200; i++)); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

# Runs a PostgreSQL binary as the service user.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pid_alive PID NAME: the process exists and its command line mentions NAME, so a recycled pid
# of an unrelated process is never signalled.
pid_alive() {
  local pid=$1 name=$2
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$name"
}

# stop_pid PID NAME SIGNAL: sends SIGNAL, waits up to 15 s, then SIGKILL.
stop_pid() {
  local pid=$1 name=$2 sig=$3 i
  pid_alive "$pid" "$name" || return 0
  kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    pid_alive "$pid" "$name" || return 0
    sleep 0.1
  done
  log "$name (pid $pid) did not stop in 15 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.2
}

read_state() {
  SERVICES_DIR=
  PG_PORT=
  REDIS_PORT=
  [[ -f $STATE_FILE ]] || return 1
  # The state file is ours, but read it as data rather than sourcing it.
  SERVICES_DIR=$(sed -n 's/^SERVICES_DIR=//p' "$STATE_FILE")
  PG_PORT=$(sed -n 's/^PG_PORT=//p' "$STATE_FILE")
  REDIS_PORT=$(sed -n 's/^REDIS_PORT=//p' "$STATE_FILE")
  return 0
}

write_state() {
  {
    echo "SERVICES_DIR=$SERVICES_DIR"
    echo "PG_PORT=$PG_PORT"
    echo "REDIS_PORT=$REDIS_PORT"
  } >"$STATE_FILE"
}

pg_running() {
  [[ -n ${SERVICES_DIR:-} && -f $SERVICES_DIR/pg/data/postmaster.pid ]] || return 1
  pid_alive "$(head -n1 "$SERVICES_DIR/pg/data/postmaster.pid")" postgres
}

redis_running() {
  [[ -n ${SERVICES_DIR:-} && -f $SERVICES_DIR/redis/redis.pid ]] || return 1
  pid_alive "$(cat "$SERVICES_DIR/redis/redis.pid")" redis-server
}

pg_ready() {
  [[ -n ${PG_PORT:-} ]] && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2
}

redis_ready() {
  [[ -n ${REDIS_PORT:-} ]] && [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

start_postgres() {
  local pg=$SERVICES_DIR/pg attempt
  mkdir -p "$pg"
  chmod 0700 "$pg"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$pg"
  # C.UTF-8 gives UTF-8 ctype (lower(), ILIKE on Indonesian text) without generating locales.
  if ! as_pg "$PG_BIN/initdb" -D "$pg/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 \
    >"$pg/initdb.log" 2>&1; then
    rm -rf "$pg/data"
    as_pg "$PG_BIN/initdb" -D "$pg/data" -A trust -U postgres --no-sync -E UTF8 --no-locale \
      >>"$pg/initdb.log" 2>&1 || { cat "$pg/initdb.log" >&2; die "initdb failed"; }
  fi
  for attempt in 1 2 3 4 5; do
    PG_PORT=$(free_port)
    write_state
    # fsync and friends off: the data is thrown away, and tests run faster.
    if as_pg "$PG_BIN/pg_ctl" -D "$pg/data" -l "$pg/postgres.log" -w -t 30 start -o "-p $PG_PORT \
-c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg -c fsync=off -c synchronous_commit=off \
-c full_page_writes=off -c max_connections=200" >/dev/null 2>>"$pg/pg_ctl.log"; then
      break
    fi
    PG_PORT=
    write_state
    # Retry only when another process took the port between the probe and the bind.
    if [[ $attempt -eq 5 ]] || ! grep -q 'could not bind\|already in use' "$pg/postgres.log" 2>/dev/null; then
      tail -n 20 "$pg/postgres.log" >&2 2>/dev/null || true
      die "PostgreSQL did not start (log: $pg/postgres.log)"
    fi
    log "port taken, retrying PostgreSQL on another port"
    : >"$pg/postgres.log"
  done
  "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
    -c "CREATE DATABASE $TEST_DB" >/dev/null || die "cannot create database $TEST_DB"
}

start_redis() {
  local rd=$SERVICES_DIR/redis attempt i
  mkdir -p "$rd"
  for attempt in 1 2 3 4 5; do
    REDIS_PORT=$(free_port)
    write_state
    rm -f "$rd/redis.pid" "$rd/redis.log"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$rd" \
      --pidfile "$rd/redis.pid" --logfile "$rd/redis.log" --save '' --appendonly no \
      --unixsocket "$rd/redis.sock" --unixsocketperm 700 >"$rd/start.log" 2>&1 \
      || { cat "$rd/start.log" >&2; die "redis-server failed to start"; }
    # --daemonize returns before the child binds: wait for an answer.
    for ((i = 0; i < 100; i++)); do
      redis_ready && return 0
      # The daemon is gone (a bind failure, say): no point in waiting any longer.
      [[ $i -gt 5 ]] && ! redis_running && break
      sleep 0.1
    done
    redis_running && stop_pid "$(cat "$rd/redis.pid")" redis-server TERM
    REDIS_PORT=
    write_state
    if [[ $attempt -eq 5 ]] || ! grep -q 'already in use' "$rd/redis.log" 2>/dev/null; then
      tail -n 20 "$rd/redis.log" >&2 2>/dev/null || true
      die "Redis did not start (log: $rd/redis.log)"
    fi
    log "port taken, retrying Redis on another port"
  done
}

on_failed_start() {
  local rc=$?
  trap - EXIT
  if [[ $rc -ne 0 ]]; then
    log "start failed; cleaning up"
    cmd_stop >/dev/null 2>&1 || true
  fi
  exit "$rc"
}

cmd_start() {
  PG_BIN=$(find_pg_bindir)
  command -v redis-server >/dev/null || die "redis-server not found (scripts/install-deps.sh --test)"
  command -v redis-cli >/dev/null || die "redis-cli not found (scripts/install-deps.sh --test)"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' missing (install postgresql-15)"
    command -v runuser >/dev/null || die "runuser not found (install util-linux)"
  fi
  mkdir -p "$BUILD_DIR"

  if read_state; then
    if [[ -f $ENV_FILE ]] && pg_running && redis_running && pg_ready && redis_ready; then
      log "already running (PostgreSQL on $PG_PORT, Redis on $REDIS_PORT)"
      cat "$ENV_FILE"
      return 0
    fi
    log "cleaning up an earlier, incomplete start"
    cmd_stop >/dev/null
  fi

  rm -f "$ENV_FILE"
  # A failed start cleans up after itself (the logs it printed are all that is kept).
  trap on_failed_start EXIT
  SERVICES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kedai-services.XXXXXX")
  chmod 0755 "$SERVICES_DIR"
  PG_PORT=
  REDIS_PORT=
  write_state

  start_postgres
  start_redis

  {
    echo "TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$PG_PORT/$TEST_DB"
    echo "TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
    echo "TEST_PG_HOST=127.0.0.1"
    echo "TEST_PG_PORT=$PG_PORT"
    echo "TEST_REDIS_PORT=$REDIS_PORT"
    echo "KEDAI_TEST_SERVICES_DIR=$SERVICES_DIR"
  } >"$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  trap - EXIT
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" \
    "(database $TEST_DB), Redis on 127.0.0.1:$REDIS_PORT; env in $ENV_FILE"
}

cmd_stop() {
  if ! read_state; then
    rm -f "$ENV_FILE"
    log "not running"
    return 0
  fi
  rm -f "$ENV_FILE"
  if [[ -n $SERVICES_DIR && -d $SERVICES_DIR ]]; then
    local pgpid
    if [[ -f $SERVICES_DIR/pg/data/postmaster.pid ]]; then
      pgpid=$(head -n1 "$SERVICES_DIR/pg/data/postmaster.pid")
      # SIGINT is PostgreSQL's "fast" shutdown: no waiting for clients.
      stop_pid "$pgpid" postgres INT
    fi
    if [[ -f $SERVICES_DIR/redis/redis.pid ]]; then
      stop_pid "$(cat "$SERVICES_DIR/redis/redis.pid")" redis-server TERM
    fi
    # Only ever delete our own temp dir.
    case "$SERVICES_DIR" in
      */kedai-services.*) rm -rf "$SERVICES_DIR" ;;
      *) log "not deleting unexpected directory '$SERVICES_DIR'" ;;
    esac
  fi
  rm -f "$STATE_FILE"
  log "stopped"
}

cmd_status() {
  PG_BIN=$(find_pg_bindir)
  if ! read_state; then
    log "not running"
    return 1
  fi
  local ok=0
  if pg_running && pg_ready; then log "PostgreSQL up on 127.0.0.1:$PG_PORT"; else log "PostgreSQL down"; ok=1; fi
  if redis_running && redis_ready; then log "Redis up on 127.0.0.1:$REDIS_PORT"; else log "Redis down"; ok=1; fi
  return $ok
}

# Fault injection for the storm tests: stop one service and start it again on the same port,
# keeping its data (PostgreSQL) so clients can reconnect to what they had.
cmd_pg_stop() {
  read_state || die "not running"
  [[ -f $SERVICES_DIR/pg/data/postmaster.pid ]] || { log "PostgreSQL already stopped"; return 0; }
  stop_pid "$(head -n1 "$SERVICES_DIR/pg/data/postmaster.pid")" postgres INT
  log "PostgreSQL stopped"
}

cmd_pg_start() {
  PG_BIN=$(find_pg_bindir)
  read_state || die "not running"
  pg_running && { log "PostgreSQL already running"; return 0; }
  local pg=$SERVICES_DIR/pg
  as_pg "$PG_BIN/pg_ctl" -D "$pg/data" -l "$pg/postgres.log" -w -t 30 start -o "-p $PG_PORT \
-c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg -c fsync=off -c synchronous_commit=off \
-c full_page_writes=off -c max_connections=200" >/dev/null 2>>"$pg/pg_ctl.log" || die "PostgreSQL did not restart"
  log "PostgreSQL started again on $PG_PORT"
}

cmd_redis_stop() {
  read_state || die "not running"
  redis_running || { log "Redis already stopped"; return 0; }
  stop_pid "$(cat "$SERVICES_DIR/redis/redis.pid")" redis-server TERM
  log "Redis stopped"
}

cmd_redis_start() {
  read_state || die "not running"
  redis_running && { log "Redis already running"; return 0; }
  local rd=$SERVICES_DIR/redis i
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$rd" \
    --pidfile "$rd/redis.pid" --logfile "$rd/redis.log" --save '' --appendonly no >/dev/null 2>&1 \
    || die "redis-server failed to restart"
  for ((i = 0; i < 100; i++)); do
    redis_ready && { log "Redis started again on $REDIS_PORT"; return 0; }
    sleep 0.1
  done
  die "Redis did not answer after restart"
}

cmd_env() {
  [[ -f $ENV_FILE ]] || die "not running (scripts/test-services.sh start)"
  cat "$ENV_FILE"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) cmd_env ;;
  status) cmd_status ;;
  pg-stop) cmd_pg_stop ;;
  pg-start) cmd_pg_start ;;
  redis-stop) cmd_redis_stop ;;
  redis-start) cmd_redis_start ;;
  *)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 64
    ;;
esac
