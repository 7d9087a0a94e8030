#!/usr/bin/env bash
# double.sh — `make bench-double`: what weeekd as a test double (docs/testing-with-weeekd.md)
# costs a test suite, through the admin API on each backend: creating a workspace (empty,
# and with the demo seed), resetting one that holds BENCH_RESET_TASKS (1,000) tasks, and
# saving and restoring a snapshot of one with BENCH_SNAP_TASKS (10,000). Each figure is the
# median and the slowest of BENCH_REPEAT runs (creates: BENCH_CREATES), timed by curl
# (time_total: one loopback round trip included). Printed and written to
# build/bench/double.md. See bench/README.md, "The test double".
#
# The tasks are bulk-loaded into the store (bench/tasks_load.sql, the rows POST /tm/tasks
# would write: locations, assignees, tags) over 2 projects of 2 boards and 5 tags. The reset
# is measured on a workspace brought back to its 1,000 tasks by a snapshot restore each time.
#
# The server runs with --max-request-memory BENCH_REQUEST_MEMORY (the default, 16 MiB):
# snapshots work in memory of their own, a chunk of rows at a time (src/model/ws_snapshot.c).
#
# Environment (all optional): BENCH_CREATES=100, BENCH_REPEAT=7, BENCH_RESET_TASKS=1000,
# BENCH_SNAP_TASKS=10000, BENCH_REQUEST_MEMORY=16777216, BENCH_BACKENDS,
# BENCH_OUT=build/bench — as in run.sh.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

NCREATE=${BENCH_CREATES:-100}
REPEAT=${BENCH_REPEAT:-7}
NRESET=${BENCH_RESET_TASKS:-1000}
NSNAP=${BENCH_SNAP_TASKS:-10000}
REQMEM=${BENCH_REQUEST_MEMORY:-16777216}
check_knobs "$NCREATE" "$REPEAT" "$NRESET" "$NSNAP" "$REQMEM"

bench_setup wrk weeekd-bench-double sqlite3
ADMIN_TOKEN=bench-admin-token

# adm METHOD PATH [BODY]: an admin call that must answer 200; its time_total in ms on stdout,
# its body in $TMP/adm.body
adm() {
    local method=$1 path=$2 body=${3:-} out code secs
    local args=(-sS -o "$TMP/adm.body" -w '%{http_code} %{time_total}' -X "$method"
        -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$SRV_PORT/_weeekd$path")
    [ -n "$body" ] && args+=(-H "Content-Type: application/json" --data-binary "$body")
    out=$(curl "${args[@]}") || die "$method $path: curl failed"
    code=${out% *}
    secs=${out#* }
    [ "$code" = 200 ] || die "$method $path: HTTP $code: $(head -c 300 "$TMP/adm.body")"
    awk -v s="$secs" 'BEGIN { printf "%.2f\n", s * 1000 }'
}

# stats FILE: "median | slowest" of the numbers in FILE (one a line), ms
stats() {
    sort -n "$1" | awk '{ v[NR] = $1 } END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.1f | %.1f", m, v[NR] }'
}

# new_ws NAME [SEED]: a workspace through the admin API; its token in WS_TOKEN
new_ws() {
    adm POST /workspaces "{\"name\":\"$1\",\"email\":\"bench@example.com\",\"seed\":\"${2:-empty}\"}" >/dev/null
    WS_TOKEN=$(sed -n 's/.*"token":"\(wk_[A-Za-z0-9]*\)".*/\1/p' "$TMP/adm.body")
    [ -n "$WS_TOKEN" ] || die "no token in $(cat "$TMP/adm.body")"
}

# loaded_ws NAME N: a workspace with N tasks
loaded_ws() {
    new_ws "$1"
    tm_structure "$WS_TOKEN" 2 2 5
    tasks_load "$(ws_id "$WS_TOKEN")" "$2"
    store_analyze
}

rows=()
for backend in $BACKENDS; do
    open_store "$backend"
    "$WEEEKD" migrate --db "$DB" >/dev/null
    start_server "weeekd-$backend" "$WEEEKD" serve --db "$DB" --listen 127.0.0.1:0 \
        --threads "$SRV_THREADS" --log-level warn --admin-token "$ADMIN_TOKEN" \
        --max-request-memory "$REQMEM"
    SRV_PID=$LASTPID
    SRV_PORT=$PORT

    say "$backend: $NCREATE workspace creates, empty and with the demo seed"
    : >"$TMP/t"
    for ((i = 0; i < NCREATE; i++)); do
        adm POST /workspaces "{\"name\":\"c$i\",\"email\":\"bench@example.com\"}" >>"$TMP/t"
    done
    rows+=("$backend | workspace create (empty) | $(stats "$TMP/t") | $NCREATE")
    : >"$TMP/t"
    for ((i = 0; i < REPEAT; i++)); do
        adm POST /workspaces "{\"name\":\"d$i\",\"email\":\"bench@example.com\",\"seed\":\"demo\"}" >>"$TMP/t"
    done
    rows+=("$backend | workspace create, \"seed\":\"demo\" (40 tasks, 20 deals) | $(stats "$TMP/t") | $REPEAT")

    say "$backend: reset of a workspace with $NRESET tasks"
    loaded_ws reset "$NRESET"
    adm PUT /workspaces/reset/snapshots/full >/dev/null
    : >"$TMP/t"
    for ((i = 0; i < REPEAT; i++)); do
        adm POST /workspaces/reset/snapshots/full/restore >/dev/null
        adm POST /workspaces/reset/reset >>"$TMP/t"
    done
    rows+=("$backend | reset, $NRESET tasks | $(stats "$TMP/t") | $REPEAT")

    say "$backend: snapshot and restore of a workspace with $NSNAP tasks"
    loaded_ws snap "$NSNAP"
    : >"$TMP/s"
    : >"$TMP/r"
    for ((i = 0; i < REPEAT; i++)); do
        adm PUT /workspaces/snap/snapshots/s >>"$TMP/s"
        adm POST /workspaces/snap/snapshots/s/restore >>"$TMP/r"
    done
    adm GET /workspaces/snap/snapshots >/dev/null
    bytes=$(sed -n 's/.*"bytes":\([0-9]*\).*/\1/p' "$TMP/adm.body")
    rows+=("$backend | snapshot save, $NSNAP tasks ($((bytes / 1024)) KiB) | $(stats "$TMP/s") | $REPEAT")
    rows+=("$backend | snapshot restore, $NSNAP tasks | $(stats "$TMP/r") | $REPEAT")

    stop_server "$SRV_PID"
    if [ "$backend" = postgresql ]; then
        tools/pg_cluster.sh stop "$PGDIR" >/dev/null
        PGDIR=""
    fi
done

{
    echo "| backend | admin call | median ms | slowest ms | runs |"
    echo "|---|---|---|---|---|"
    for r in "${rows[@]}"; do echo "| $r |"; done
    echo
    echo "load average at start: $LOAD_AT_START; $(nproc) CPUs; release build;" \
        "--max-request-memory $REQMEM; $(date -u +%Y-%m-%dT%H:%MZ)"
} | tee "$OUT/double.md"
