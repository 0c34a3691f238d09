#!/usr/bin/env bash
# make bench: every figure next to a baseline measured in the same run on the same machine.
#   1. Kedai on the embedded default (SQLite) vs raw SQLite write transactions;
#   2. pgbench -N (8 clients) and redis-benchmark on throwaway PostgreSQL/Redis, then Kedai's
#      purchases on PostgreSQL + Redis, and the ratio.
# Figures only: nothing here fails on a time.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}
BENCH=$BUILD/bench/kedai_bench
ARGS=${BENCH_ARGS:-"100 10"}
export KEDAI_BUILD_DIR=$BUILD/bench-services
SERVICES=$ROOT/scripts/test-services.sh

[[ -x $BENCH ]] || { echo "bench: $BENCH not built (make build)" >&2; exit 1; }
echo "== 1. embedded default"
# shellcheck disable=SC2086
"$BENCH" $ARGS | grep -v "^KEDAI_"

trap '"$SERVICES" stop >/dev/null 2>&1 || true' EXIT
"$SERVICES" start >/dev/null
set -a; . "$KEDAI_BUILD_DIR/test-services.env"; set +a
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)

echo "== 2. PostgreSQL + Redis"
"$PGBIN/psql" -q -X -h 127.0.0.1 -p "$TEST_PG_PORT" -U postgres -d postgres -c "CREATE DATABASE pgbench" >/dev/null
"$PGBIN/pgbench" -q -i -s 10 -h 127.0.0.1 -p "$TEST_PG_PORT" -U postgres pgbench >/dev/null 2>&1
pgtps=$("$PGBIN/pgbench" -N -c 8 -j 2 -T 15 -h 127.0.0.1 -p "$TEST_PG_PORT" -U postgres pgbench 2>/dev/null \
  | awk '/^tps/ {print int($3); exit}')
echo "  baseline: pgbench -N, 8 clients                 $pgtps tps"
redis-benchmark -h 127.0.0.1 -p "$TEST_REDIS_PORT" -q -n 100000 -c 50 -t set,get 2>/dev/null \
  | tr '\r' '\n' | grep 'requests per second' | sed 's/^/  baseline: redis-benchmark /'
# shellcheck disable=SC2086
out=$(BENCH_DATABASE_URL=$TEST_DATABASE_URL BENCH_REDIS_URL=$TEST_REDIS_URL "$BENCH" $ARGS)
echo "$out" | grep -v '^KEDAI_'
kedai=$(echo "$out" | sed -n 's/^KEDAI_PURCHASES_PER_S=//p')
if [[ -n $pgtps && $pgtps -gt 0 && -n $kedai ]]; then
  echo "  ratio Kedai purchases / pgbench -N tps          $(awk -v k="$kedai" -v p="$pgtps" 'BEGIN {printf "%.1f %%", 100*k/p}') (target >= 50 %)"
fi
