#!/usr/bin/env bash
# load.sh — issue 8's workloads in one run, side by side with the libmicrohttpd ceiling:
# GET a task, POST a task, a realistic task mix, a CRM status's deal list and deal moves,
# on SQLite and PostgreSQL at each connection count. Every workload also runs against the
# ceiling (bench/ceiling.c, built and started in this run) with the very same wrk command,
# so each weeekd row has its own "% of ceiling". Columns: req/s, % of ceiling, p50/p99,
# server p99, errors, CPU per request of the server process (and of PostgreSQL), and the
# peak RSS of each server process. Prints a markdown table and writes build/bench/load.md.
# See bench/README.md, "The issue's workloads".
#
# Environment (all optional):
#   BENCH_SECONDS=5          length of each measured wrk run
#   BENCH_WARMUP=1           seconds of unmeasured load before each run (0 = none)
#   BENCH_CONNS="1 64"       connection counts
#   BENCH_WRK_THREADS=2      wrk threads (capped at the connection count)
#   BENCH_SERVER_THREADS=4   weeekd --threads and the ceiling's pool size
#   BENCH_TASKS=10000        seeded tasks (4 projects x 2 boards x 3 columns, 20 tags,
#                            5 members)
#   BENCH_DEALS=5000         seeded deals (5 funnels x 4 statuses)
#   BENCH_BACKENDS="sqlite postgresql"   default: sqlite, plus postgresql when installed
#   BENCH_LOG_LEVEL=info     weeekd --log-level (its request log goes to a temp file)
#   BENCH_OUT=build/bench    where load.md and the raw wrk output (wrk-load/) go
#   BENCH_WORKLOADS="get page create mix deals move"   which workloads run (all by default)
#   BENCH_OLD=path/to/weeekd an older build measured in the same run, on a store of its own
#                            seeded alike (rows "BACKEND-old"): before and after side by side
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

NTASKS=${BENCH_TASKS:-10000}
NDEALS=${BENCH_DEALS:-5000}
check_knobs "$NTASKS" "$NDEALS"
WORKLOADS=${BENCH_WORKLOADS:-get page create mix deals move}
for w in $WORKLOADS; do
    case $w in get | page | create | mix | deals | move) ;; *) die "unknown workload '$w' in BENCH_WORKLOADS" ;; esac
done
if [ -n "${BENCH_OLD:-}" ]; then
    [ -x "$BENCH_OLD" ] || die "BENCH_OLD=$BENCH_OLD is not an executable"
    BENCH_OLD=$(realpath "$BENCH_OLD")
fi
[ "$NTASKS" -ge 100 ] || die "BENCH_TASKS must be at least 100"
[ "$NDEALS" -ge 200 ] || die "BENCH_DEALS must be at least 200"

bench_setup wrk-load weeekd-bench-load sqlite3
START_TENTHS=300
build_ceiling

# ---------------------------------------------------------------- seeding
# seed BACKEND: the workspace (members, structure, tasks, deals, the "writes" project and
# tag); exports what the wrk scripts read (bench/post_task.lua, mix.lua, move_deal.lua) and
# sets TASK_ID and LIST_STATUS
seed() {
    local backend=$1 ws ids
    for i in 1 2 3 4; do
        "$WEEEKD" member add --db "$DB" --workspace bench --email "m$i@example.com" >/dev/null
    done
    say "seeding 4 projects x 2 boards x 3 columns, 20 tags, $NTASKS tasks, $NDEALS deals on $backend"
    tm_structure "$TOKEN" 4 2 20
    ws=$(ws_id "$TOKEN")
    [ -n "$ws" ] || die "could not read the workspace id"
    tasks_load "$ws" "$NTASKS"

    # what mix.lua assumes of the load: every id between min and max, the columns three
    # per board in id order
    IFS='|' read -r BENCH_TASK_MIN BENCH_TASK_MAX n < <(store_query \
        "SELECT min(id), max(id), count(*) FROM tasks WHERE ws_id = $ws")
    [ "$n" = "$NTASKS" ] && [ $((BENCH_TASK_MAX - BENCH_TASK_MIN + 1)) = "$n" ] ||
        die "the loaded task ids are not dense ($BENCH_TASK_MIN..$BENCH_TASK_MAX, $n tasks)"
    ids=$(store_query "SELECT board_id FROM board_columns WHERE ws_id = $ws ORDER BY id" |
        awk '{ b[NR] = $1 } END { for (i = 1; i <= NR; i++) if (b[i] != b[i - (i - 1) % 3]) exit 1;
               if (NR % 3) exit 1 }' && echo ok)
    [ "$ids" = ok ] || die "the board columns do not come three per board in id order"
    BENCH_COLUMNS=$(store_query "SELECT id FROM board_columns WHERE ws_id = $ws ORDER BY id" | paste -sd,)
    BENCH_PROJECTS=$(store_query "SELECT id FROM projects WHERE ws_id = $ws ORDER BY id" | paste -sd,)
    BENCH_TAGS=$(store_query "SELECT id FROM tags WHERE ws_id = $ws ORDER BY id" | paste -sd,)
    TASK_ID=$((BENCH_TASK_MIN + NTASKS / 3))

    # where the creates go: a project and tag of their own, made after the load, and no
    # board: a create into a column rewrites the column's whole order (src/model/task.c,
    # write_order), so its cost would grow with every create of the run; scale.sh
    # measures creates into a column of a known size instead
    BENCH_W_PROJECT=$(v1 "$TOKEN" POST /tm/projects '{"name":"writes"}' | first_id)
    BENCH_W_COLUMN=""
    BENCH_W_TAG=$(v1 "$TOKEN" POST /ws/tags '{"title":"writes"}' | first_id)
    BENCH_MEMBER=$(v1 "$TOKEN" GET /ws/members | grep -o '"id":"[0-9a-f-]*"' | sed -n '2s/"id":"\(.*\)"/\1/p')
    [ -n "$BENCH_W_PROJECT" ] && [ -n "$BENCH_W_TAG" ] && [ -n "$BENCH_MEMBER" ] ||
        die "could not read the ids of the writes project"

    seed_deals "$TOKEN" 5 "$NDEALS"
    # the list reads funnel 1's first status; the moves stay inside funnel 2
    LIST_STATUS=$(sed -n '1s/.* //p' "$TMP/statuses.txt")
    local f2 s2
    f2=$(awk '{ print $1 }' "$TMP/statuses.txt" | uniq | sed -n 2p)
    BENCH_STATUSES=$(awk -v f="$f2" '$1 == f { print $2 }' "$TMP/statuses.txt" | paste -sd,)
    s2=${BENCH_STATUSES%%,*}
    BENCH_DEALS=$(v1 "$TOKEN" GET "/crm/statuses/$s2/deals?limit=100" | json '",".join(x["id"] for x in d["deals"])')
    [ -n "$LIST_STATUS" ] && [ -n "$BENCH_DEALS" ] || die "could not read the deals"
    BENCH_TOKEN=$TOKEN
    export BENCH_TOKEN BENCH_TASK_MIN BENCH_TASK_MAX BENCH_PROJECTS BENCH_COLUMNS BENCH_TAGS \
        BENCH_W_PROJECT BENCH_W_COLUMN BENCH_W_TAG BENCH_MEMBER BENCH_DEALS BENCH_STATUSES

    # one of each request by hand first: a workload that cannot succeed fails here, clearly
    v1 "$TOKEN" GET "/tm/tasks/$TASK_ID" >/dev/null
    v1 "$TOKEN" GET "/tm/tasks?projectId=${BENCH_PROJECTS%%,*}&completed=1&perPage=20" >/dev/null
    v1 "$TOKEN" POST "/tm/tasks/$TASK_ID/complete" >/dev/null
    v1 "$TOKEN" POST "/tm/tasks/$TASK_ID/un-complete" >/dev/null
    v1 "$TOKEN" GET "/crm/statuses/$LIST_STATUS/deals?limit=50" >/dev/null
}

# wanted NAME: whether BENCH_WORKLOADS lists the workload
wanted() { case " $WORKLOADS " in *" $1 "*) return 0 ;; esac; return 1; }

# workloads BACKEND BASE_URL: every workload at every connection count against one target
workloads() {
    local backend=$1 base=$2 c auth="Authorization: Bearer $TOKEN"
    for c in $CONNS; do
        wanted get && measure "GET /tm/tasks/{id}" "$backend" "$c" "$base/public/v1/tm/tasks/$TASK_ID" -H "$auth"
        # a page of 50 full tasks (every relation of each, as a client listing a project reads it)
        wanted page && measure "GET /tm/tasks (page of 50)" "$backend" "$c" \
            "$base/public/v1/tm/tasks?projectId=${BENCH_PROJECTS%%,*}&perPage=50" -H "$auth"
        wanted create && measure "POST /tm/tasks" "$backend" "$c" "$base" -s bench/post_task.lua
        wanted mix && measure "task mix" "$backend" "$c" "$base" -s bench/mix.lua
        wanted deals && measure "GET /crm/statuses/{id}/deals" "$backend" "$c" \
            "$base/public/v1/crm/statuses/$LIST_STATUS/deals?limit=50" -H "$auth"
        wanted move && measure "POST /crm/deals/{id}/move" "$backend" "$c" "$base" -s bench/move_deal.lua
    done
    return 0
}

# ---------------------------------------------------------------- the runs
declare -A HWM
CEIL_HWM=""
NEW_WEEEKD=$WEEEKD
RUNS=()
for backend in $BACKENDS; do
    [ -n "${BENCH_OLD:-}" ] && RUNS+=("$backend-old=$BENCH_OLD")
    RUNS+=("$backend=$NEW_WEEEKD")
done
for run in "${RUNS[@]}"; do
    target=${run%%=*}
    backend=${target%-old}
    WEEEKD=${run#*=}
    open_store "$backend"
    TOKEN=$("$WEEEKD" init --db "$DB" --workspace bench --email bench@example.com)
    start_weeekd "$backend"
    seed "$backend"
    if [ -z "$CEIL_HWM" ]; then
        # the ceiling gets the same wrk commands (it answers any request alike), once, with
        # weeekd idle beside it
        start_server ceiling "$CEILING" 0 "$SRV_THREADS"
        CEIL_PID=$LASTPID
        MEASURED_PID=$CEIL_PID
        SRV_LOG_SAVED=$SRV_LOG
        SRV_LOG=""
        workloads ceiling "http://127.0.0.1:$PORT"
        CEIL_HWM=$(peak_kb "$CEIL_PID")
        stop_server "$CEIL_PID"
        MEASURED_PID=$SRV_PID
        SRV_LOG=$SRV_LOG_SAVED
    fi
    workloads "$target" "http://127.0.0.1:$SRV_PORT"
    stop_weeekd "$backend"
    HWM[$target]=$SRV_HWM
done
WEEEKD=$NEW_WEEEKD

# ---------------------------------------------------------------- the table
declare -A CEIL
bad=0
for row in "${ROWS[@]}"; do
    IFS='|' read -r label backend c rps _ _ _ errs _ <<<"$row"
    [ "$backend" = ceiling ] && CEIL["$label|$c"]=$rps
    [ "$errs" = 0 ] || bad=$((bad + 1))
done
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src sql 2>/dev/null || commit="$commit (modified)"
{
    echo "weeekd $(cat VERSION 2>/dev/null || echo '?') at $commit, $(date -u +%Y-%m-%dT%H:%MZ)," \
        "$(machine)${BENCH_OLD:+; rows BACKEND-old: $BENCH_OLD}."
    echo "$NTASKS tasks (4 projects x 2 boards x 3 columns, 20 tags, 5 members), $NDEALS deals" \
        "(5 funnels x 4 statuses); creates go to a project and tag of their own."
    echo "wrk: ${SECONDS_PER_RUN}s per run after ${WARMUP}s warm-up, up to $WRK_THREADS threads;" \
        "server pools: $SRV_THREADS threads; log level $LOG_LEVEL; loopback; load generator on the same cores;" \
        "load average before the run: $LOAD_AT_START; whole run $(($(date +%s) - START_TIME)) s."
    echo
    echo "| workload | target | conns | req/s | % of ceiling | p50 ms | p99 ms | server p99 ms | errors | CPU µs/req | db CPU µs/req |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    for c in $CONNS; do
        for row in "${ROWS[@]}"; do
            IFS='|' read -r label backend rc rps p50 p99 sp99 errs cpu dbcpu <<<"$row"
            [ "$rc" = "$c" ] || continue
            ratio=$(awk -v a="$rps" -v b="${CEIL["$label|$c"]:-0}" \
                'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "?" }')
            echo "| $label | $backend | $c | $rps | $ratio | $p50 | $p99 | $sp99 | $errs | $cpu | $dbcpu |"
        done
    done
    echo
    echo "| process | peak RSS (VmHWM) |"
    echo "|---|--:|"
    echo "| ceiling | $((CEIL_HWM / 1024)) MiB |"
    for run in "${RUNS[@]}"; do
        target=${run%%=*}
        echo "| weeekd on $target | $((${HWM[$target]} / 1024)) MiB |"
    done
} >"$OUT/load.md"
publish "$OUT/load.md" "raw wrk output in $OUT/wrk-load/"
[ "$bad" = 0 ] || die "$bad row(s) with errors (non-2xx answers or socket errors): see $OUT/wrk-load/"
