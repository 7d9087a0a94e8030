#!/usr/bin/env bash
# creates_ab.sh — POST /tm/tasks on SQLite, an older weeekd binary against this checkout's
# release build, in one run and alternating, so that other load on a shared machine hits
# both alike. One store is seeded once (10,000 tasks, as bench/load.sh seeds them) with the
# old binary; each measured run starts its server on a fresh copy of it. Prints one row per
# run and writes build/bench/creates_ab.md. See bench/README.md, "Creates, old against new".
#
# Environment:
#   BENCH_OLD=PATH           the other weeekd binary (required), e.g. built from main
#   BENCH_ROUNDS=3           old/new pairs per connection count
#   BENCH_SECONDS, BENCH_WARMUP, BENCH_CONNS, BENCH_WRK_THREADS, BENCH_SERVER_THREADS,
#   BENCH_LOG_LEVEL, BENCH_OUT as for the other benches (bench/lib.sh)
#   BENCH_TASKS=10000        seeded tasks
#   BENCH_SEED_OUT=PATH      keep a copy of the seeded store there (and PATH.env with the
#                            variables bench/post_task.lua reads), for profiling by hand
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH_BACKENDS=sqlite
# shellcheck source=bench/lib.sh
. bench/lib.sh

OLD=${BENCH_OLD:-}
[ -n "$OLD" ] && [ -x "$OLD" ] || die "BENCH_OLD must name a weeekd binary"
ROUNDS=${BENCH_ROUNDS:-3}
NTASKS=${BENCH_TASKS:-10000}
check_knobs "$NTASKS" 200

bench_setup wrk-creates weeekd-bench-ab sqlite3
NEW=$WEEEKD

# ---------------------------------------------------------------- seeding (old binary)
WEEEKD=$OLD
DB="sqlite:$TMP/seed.db"
TOKEN=$("$WEEEKD" init --db "$DB" --workspace bench --email bench@example.com)
start_weeekd seed
"$WEEEKD" member add --db "$DB" --workspace bench --email m1@example.com >/dev/null
tm_structure "$TOKEN" 4 2 20
tasks_load "$(ws_id "$TOKEN")" "$NTASKS"
export BENCH_TOKEN=$TOKEN
BENCH_W_PROJECT=$(v1 "$TOKEN" POST /tm/projects '{"name":"writes"}' | first_id)
BENCH_W_TAG=$(v1 "$TOKEN" POST /ws/tags '{"title":"writes"}' | first_id)
BENCH_MEMBER=$(v1 "$TOKEN" GET /ws/members | grep -o '"id":"[0-9a-f-]*"' | sed -n '2s/"id":"\(.*\)"/\1/p')
export BENCH_W_PROJECT BENCH_W_TAG BENCH_MEMBER
[ -n "$BENCH_W_PROJECT" ] && [ -n "$BENCH_W_TAG" ] && [ -n "$BENCH_MEMBER" ] ||
    die "seeding failed"
stop_weeekd seed
if [ -n "${BENCH_SEED_OUT:-}" ]; then
    # for profiling by hand: the seeded store and what post_task.lua reads
    cp "$TMP/seed.db" "$BENCH_SEED_OUT"
    declare -p BENCH_TOKEN BENCH_W_PROJECT BENCH_W_TAG BENCH_MEMBER | sed 's/^declare -x/export/' \
        >"$BENCH_SEED_OUT.env"
fi

# ---------------------------------------------------------------- the runs
for c in $CONNS; do
    for ((r = 1; r <= ROUNDS; r++)); do
        for side in old new; do
            if [ $side = old ]; then WEEEKD=$OLD; else WEEEKD=$NEW; fi
            rm -f "$TMP"/run.db*
            cp "$TMP/seed.db" "$TMP/run.db"
            DB="sqlite:$TMP/run.db"
            start_weeekd "$side"
            WRK_PREFIX="r$r-"
            measure "POST /tm/tasks" "$side" "$c" "http://127.0.0.1:$SRV_PORT" -s bench/post_task.lua
            stop_weeekd "$side"
        done
    done
done

{
    echo "creates, old ($OLD) against new ($(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- src sql 2>/dev/null || echo ' modified')),"
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(machine); $NTASKS tasks seeded; ${SECONDS_PER_RUN}s runs after ${WARMUP}s warm-up;"
    echo "server threads $SRV_THREADS; log level $LOG_LEVEL; load average before: $LOAD_AT_START, after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    print_rows
} >"$OUT/creates_ab.md"
publish "$OUT/creates_ab.md"
