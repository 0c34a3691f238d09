#!/usr/bin/env bash
# make bench: every figure next to a baseline measured in the same run on the same machine.
#   1. Kedai on the embedded default (SQLite) vs raw SQLite write transactions; QRIS: QR
#      generation vs raw libqrencode + zlib, and notifications matched with 10,000 QRIS orders
#      waiting (QrisService, and a kedaid's listener endpoint vs its wrong-key floor) vs the same
#      raw SQLite figure; WhatsApp: signed Cloud API webhooks stored per second vs GET /healthz
#      of the same kedaid with the same clients, and webhook-to-reply latency at 200 webhooks/s;
#      desktop window: Orders and a product's stock items opened with 100,000 rows (vs raw SQL of
#      the first pages), the GUI thread's longest stall while the bot sells (vs the idle window);
#   2. pgbench -N (8 clients) and redis-benchmark on throwaway PostgreSQL/Redis, then Kedai's
#      purchases, the QRIS notifications and the WhatsApp webhooks on PostgreSQL + Redis, and the
#      ratios.
# Figures only: nothing here fails on a time. It fails when a correctness check of the QRIS or
# the WhatsApp bench fails (a notification not matched, an order paid or delivered twice; a
# webhook not stored, not answered exactly once), after printing everything.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}
BENCH=$BUILD/bench/kedai_bench
QRIS=$BUILD/bench/qris_bench
WA=$BUILD/bench/whatsapp_bench
GUIB=$BUILD/bench/gui_bench
ARGS=${BENCH_ARGS:-"100 10"}
export KEDAI_BUILD_DIR=$BUILD/bench-services
SERVICES=$ROOT/scripts/test-services.sh
rc=0

# ratio LABEL NUMERATOR DENOMINATOR: "  ratio LABEL   12.3 %", nothing when a figure is missing.
ratio() {
  if [[ -n $2 && -n $3 && $3 -gt 0 ]]; then
    printf '  %-46s %10s\n' "ratio $1" "$(awk -v k="$2" -v p="$3" 'BEGIN {printf "%.1f %%", 100*k/p}')"
  fi
}
figure() { sed -n "s/^$1=//p" <<<"$2"; }

[[ -x $BENCH ]] || { echo "bench: $BENCH not built (make build)" >&2; exit 1; }
[[ -x $QRIS ]] || { echo "bench: $QRIS not built (make build)" >&2; exit 1; }
# The WhatsApp bench drives the fake Cloud API of the tests: built only with KEDAI_BUILD_TESTS=ON.
[[ -x $WA ]] || { echo "bench: $WA not built (KEDAI_BUILD_TESTS=OFF): WhatsApp figures skipped" >&2; WA=; }
echo "== 1. embedded default"
# shellcheck disable=SC2086
out=$("$BENCH" $ARGS)
grep -v '^KEDAI_' <<<"$out"
sqlitetps=$(figure KEDAI_SQLITE_BASELINE_TPS "$out")
qout=$("$QRIS" qr notifications) || rc=$?
grep -v '^KEDAI_' <<<"$qout"
ratio "QR, 1 thread / qrencode + Up/zlib 6" "$(figure KEDAI_QR_PER_S "$qout")" "$(figure KEDAI_QR_BASELINE_PER_S "$qout")"
ratio "matched QrisService 8 thr / SQLite tx" "$(figure KEDAI_QRIS_DIRECT_PER_S "$qout")" "$sqlitetps"
ratio "matched HTTP 1 per req / SQLite tx" "$(figure KEDAI_QRIS_HTTP_PER_S "$qout")" "$sqlitetps"
if [[ -n $WA ]]; then
  wout=$("$WA") || rc=$?
  grep -v '^KEDAI_' <<<"$wout"
  ratio "WA webhooks stored / SQLite tx" "$(figure KEDAI_WA_WEBHOOKS_PER_S "$wout")" "$sqlitetps"
fi

# The desktop window: opening 100,000 orders / stock items, and the GUI thread's stalls.
if [[ -x $GUIB ]]; then
  gout=$("$GUIB") || rc=$?
  grep -v '^KEDAI_' <<<"$gout"
  ratio "sell stall / idle stall (longest)" "$(figure KEDAI_GUI_SELL_STALL_MS "$gout")" "$(figure KEDAI_GUI_IDLE_STALL_MS "$gout")"
else
  echo "bench: $GUIB not built (KEDAI_BUILD_TESTS=OFF): desktop figures skipped" >&2
fi

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
grep -v '^KEDAI_' <<<"$out"
kedai=$(figure KEDAI_PURCHASES_PER_S "$out")
if [[ -n $pgtps && $pgtps -gt 0 && -n $kedai ]]; then
  echo "  ratio Kedai purchases / pgbench -N tps          $(awk -v k="$kedai" -v p="$pgtps" 'BEGIN {printf "%.1f %%", 100*k/p}') (target >= 50 %)"
fi
qout=$(BENCH_DATABASE_URL=$TEST_DATABASE_URL BENCH_REDIS_URL=$TEST_REDIS_URL "$QRIS" notifications) || rc=$?
grep -v '^KEDAI_' <<<"$qout"
ratio "matched QrisService 8 thr / pgbench -N" "$(figure KEDAI_QRIS_DIRECT_PER_S "$qout")" "$pgtps"
ratio "matched HTTP 1 per req / pgbench -N" "$(figure KEDAI_QRIS_HTTP_PER_S "$qout")" "$pgtps"
ratio "matched HTTP batched / pgbench -N" "$(figure KEDAI_QRIS_HTTP_BATCHED_PER_S "$qout")" "$pgtps"
if [[ -n $WA ]]; then
  wout=$(BENCH_DATABASE_URL=$TEST_DATABASE_URL BENCH_REDIS_URL=$TEST_REDIS_URL "$WA") || rc=$?
  grep -v '^KEDAI_' <<<"$wout"
  ratio "WA webhooks stored / pgbench -N" "$(figure KEDAI_WA_WEBHOOKS_PER_S "$wout")" "$pgtps"
fi
if [[ $rc -ne 0 ]]; then
  echo "bench: a QRIS, WhatsApp or desktop correctness check failed (see above)" >&2
fi
exit "$rc"
