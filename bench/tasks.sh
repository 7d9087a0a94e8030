#!/usr/bin/env bash
# tasks.sh — GET /tm/tasks (filtered, sorted pages) and GET /tm/tasks/{id} with 100,000
# tasks in the measured workspace and another workspace's tasks beside them, on SQLite and
# PostgreSQL. Builds the release weeekd, creates the structure (projects, boards, columns,
# tags, members) through the API and the CLI, bulk-loads the tasks with bench/tasks_load.sql,
# runs wrk against each target at each connection count, prints a markdown table and writes
# it to build/bench/tasks.md. See bench/README.md, "Tasks".
#
# Environment (all optional):
#   BENCH_SECONDS=5          length of each measured wrk run
#   BENCH_WARMUP=1           seconds of unmeasured load before each run (0 = none)
#   BENCH_CONNS="1 64"       connection counts
#   BENCH_WRK_THREADS=2      wrk threads (capped at the connection count)
#   BENCH_SERVER_THREADS=4   weeekd --threads
#   BENCH_TASKS=100000       tasks in the measured workspace
#   BENCH_OTHER_TASKS=20000  tasks in the second workspace
#   BENCH_BACKENDS="sqlite postgresql"   default: sqlite, plus postgresql when installed
#   BENCH_LOG_LEVEL=info     weeekd --log-level (its request log goes to a temp file)
#   BENCH_OUT=build/bench    where tasks.md and the raw wrk output (wrk-tasks/) go
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

NTASKS=${BENCH_TASKS:-100000}
NOTHER=${BENCH_OTHER_TASKS:-20000}
check_knobs "$NTASKS" "$NOTHER"
[ "$NTASKS" -ge 1000 ] || die "BENCH_TASKS must be at least 1000"

# ---------------------------------------------------------------- prerequisites and build
bench_setup wrk-tasks weeekd-bench-tasks sqlite3
START_TENTHS=300 # weeekd gets up to 30 s to listen here (10 s in run.sh and crm.sh)

# ---------------------------------------------------------------- helpers
# api TOKEN METHOD PATH [BODY]: PATH below /public/v1
API_PREFIX=/public/v1
api() { api_as "$@"; }

# ---------------------------------------------------------------- each backend
declare -A HWM LOADSEC
for backend in $BACKENDS; do
    open_store "$backend"
    TOKEN=$("$WEEEKD" init --db "$DB" --workspace bench --email bench@example.com)
    OTOKEN=$("$WEEEKD" init --db "$DB" --workspace other --email other@example.com)
    for i in $(seq 9); do
        "$WEEEKD" member add --db "$DB" --workspace bench --email "m$i@example.com" >/dev/null
    done
    for i in $(seq 3); do
        "$WEEEKD" member add --db "$DB" --workspace other --email "m$i@example.com" >/dev/null
    done

    start_weeekd "$backend"

    t0=$(date +%s)
    say "creating the structure on $backend (4 projects x 2 boards x 3 columns, 20 tags; other: 1 x 2 x 3, 5 tags)"
    tm_structure "$TOKEN" 4 2 20
    tm_structure "$OTOKEN" 1 2 5
    WS=$(ws_id "$TOKEN")
    OWS=$(ws_id "$OTOKEN")
    [ -n "$WS" ] && [ -n "$OWS" ] || die "could not read the workspace ids"
    say "loading $NTASKS + $NOTHER tasks on $backend"
    tasks_load "$OWS" "$((NOTHER / 2))"
    tasks_load "$WS" "$NTASKS"
    tasks_load "$OWS" "$((NOTHER - NOTHER / 2))" # ids of both workspaces interleave a little
    store_analyze
    LOADSEC[$backend]=$(($(date +%s) - t0))

    # the ids the targets name, read back through the API
    PROJECT_ID=$(api "$TOKEN" GET /tm/projects | sed -n 's/^{"success":true,"projects":\[{"id":\([0-9]*\),.*/\1/p')
    BOARD_ID=$(api "$TOKEN" GET "/tm/boards?projectId=$PROJECT_ID" | sed -n 's/^{"success":true,"boards":\[{"id":\([0-9]*\),.*/\1/p')
    COLUMN_ID=$(api "$TOKEN" GET "/tm/board-columns?boardId=$BOARD_ID" | sed -n 's/^{"success":true,"boardColumns":\[{"id":\([0-9]*\),.*/\1/p')
    TAG_IDS=($(api "$TOKEN" GET /ws/tags | grep -o '"id":[0-9]*' | head -2 | cut -d: -f2))
    MEMBER_ID=$(api "$TOKEN" GET /ws/members | grep -o '"id":"[0-9a-f-]*"' | sed -n '2s/"id":"\(.*\)"/\1/p')
    [ -n "$PROJECT_ID" ] && [ -n "$COLUMN_ID" ] && [ -n "$MEMBER_ID" ] && [ "${#TAG_IDS[@]}" = 2 ] ||
        die "could not read the ids of the structure"
    TASK_ID=$(api "$TOKEN" GET "/tm/tasks?perPage=1&offset=$((NTASKS / 3))" | sed -n 's/^{"success":true,"tasks":\[{"id":\([0-9]*\),.*/\1/p')
    [ -n "$TASK_ID" ] || die "could not read a task id"
    # a task created through the API after the load: the loaded rows must not get in its way
    api "$TOKEN" POST /tm/tasks "{\"title\":\"after the load\",\"boardColumnId\":$COLUMN_ID}" >/dev/null
    n=$(api "$TOKEN" GET "/tm/tasks?all=1&perPage=1&offset=$NTASKS" | grep -c '"hasMore":false' || true)
    [ "$n" = 1 ] || die "the workspace does not hold $NTASKS + 1 tasks"

    BASE="http://127.0.0.1:$SRV_PORT/public/v1"
    AUTH="Authorization: Bearer $TOKEN"
    DEEP=$((NTASKS / 10 * 6)) # 60% into the open tasks (80% of all are open)
    for c in $CONNS; do
        measure "GET /tm/tasks/{id}" "$backend" "$c" "$BASE/tm/tasks/$TASK_ID" -H "$AUTH"
        measure "?projectId" "$backend" "$c" "$BASE/tm/tasks?projectId=$PROJECT_ID" -H "$AUTH"
        measure "?boardColumnId" "$backend" "$c" "$BASE/tm/tasks?boardColumnId=$COLUMN_ID" -H "$AUTH"
        measure "?userId&completed=0" "$backend" "$c" "$BASE/tm/tasks?userId=$MEMBER_ID&completed=0" -H "$AUTH"
        measure "?tags[]&tags[]" "$backend" "$c" \
            "$BASE/tm/tasks?tags%5B%5D=${TAG_IDS[0]}&tags%5B%5D=${TAG_IDS[1]}" -H "$AUTH"
        measure "?search" "$backend" "$c" "$BASE/tm/tasks?search=Supplier" -H "$AUTH"
        measure "?projectId&sortBy=-priority" "$backend" "$c" \
            "$BASE/tm/tasks?projectId=$PROJECT_ID&sortBy=-priority" -H "$AUTH"
        measure "?offset=$DEEP" "$backend" "$c" "$BASE/tm/tasks?offset=$DEEP" -H "$AUTH"
    done
    stop_weeekd "$backend"
    HWM[$backend]=$SRV_HWM
done

# ---------------------------------------------------------------- the table
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src sql 2>/dev/null || commit="$commit (modified)"
{
    echo "weeekd $(cat VERSION 2>/dev/null || echo '?') at $commit, $(date -u +%Y-%m-%dT%H:%MZ)," \
        "$(machine)."
    echo "$NTASKS tasks in the measured workspace, $NOTHER in another; pages of 50 (the default)."
    echo "wrk: ${SECONDS_PER_RUN}s per run after ${WARMUP}s warm-up, up to $WRK_THREADS threads;" \
        "server: $SRV_THREADS threads; log level $LOG_LEVEL; loopback; load generator on the same cores;" \
        "load average before the run: $LOAD_AT_START; whole run $(($(date +%s) - START_TIME)) s."
    echo
    print_rows
    echo
    echo "| backend | structure + load | peak RSS of weeekd (VmHWM) |"
    echo "|---|--:|--:|"
    for backend in $BACKENDS; do
        echo "| $backend | ${LOADSEC[$backend]} s | $((${HWM[$backend]} / 1024)) MiB |"
    done
} >"$OUT/tasks.md"
publish "$OUT/tasks.md" "raw wrk output in $OUT/wrk-tasks/"
