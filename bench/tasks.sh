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
ROOT=$(pwd)

SECONDS_PER_RUN=${BENCH_SECONDS:-5}
WARMUP=${BENCH_WARMUP:-1}
CONNS=${BENCH_CONNS:-"1 64"}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SRV_THREADS=${BENCH_SERVER_THREADS:-4}
NTASKS=${BENCH_TASKS:-100000}
NOTHER=${BENCH_OTHER_TASKS:-20000}
LOG_LEVEL=${BENCH_LOG_LEVEL:-info}
OUT=${BENCH_OUT:-build/bench}
case $OUT in /*) ;; *) OUT=$ROOT/$OUT ;; esac
if [ -n "${BENCH_BACKENDS:-}" ]; then
    BACKENDS=$BENCH_BACKENDS
elif [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    BACKENDS="sqlite postgresql"
else
    BACKENDS="sqlite"
fi

die() {
    echo "bench: $*" >&2
    exit 1
}
say() { echo "bench: $*" >&2; }

for v in "$SECONDS_PER_RUN" "$WARMUP" "$WRK_THREADS" "$SRV_THREADS" "$NTASKS" "$NOTHER" $CONNS; do
    case $v in '' | *[!0-9]*) die "expected a number, got '$v'" ;; esac
done
[ "$SECONDS_PER_RUN" -ge 1 ] || die "BENCH_SECONDS must be at least 1"
[ "$NTASKS" -ge 1000 ] || die "BENCH_TASKS must be at least 1000"
for b in $BACKENDS; do
    case $b in sqlite | postgresql) ;; *) die "unknown backend '$b' (sqlite, postgresql)" ;; esac
done

# ---------------------------------------------------------------- cleanup, on any exit
TMP=""
PGDIR=""
PIDS=()
CHILD=""

stop_pid() { # TERM, then KILL after 15 s (weeekd drains in-flight requests for up to 10 s)
    local pid=$1 i=0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 150 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

stop_server() {
    local pid=$1 p keep=()
    stop_pid "$pid"
    for p in "${PIDS[@]}"; do
        [ "$p" = "$pid" ] || keep+=("$p")
    done
    PIDS=("${keep[@]}")
}

CLEANED=0
cleanup() {
    [ "$CLEANED" = 1 ] && return 0
    CLEANED=1
    set +e
    local pid
    [ -n "$CHILD" ] && stop_pid "$CHILD"
    for pid in "${PIDS[@]}"; do
        stop_pid "$pid"
    done
    if [ -n "$PGDIR" ]; then
        tools/pg_cluster.sh stop "$PGDIR" >/dev/null 2>&1 || say "could not stop the PostgreSQL cluster in $PGDIR"
    fi
    [ -n "$TMP" ] && rm -rf "$TMP"
    return 0
}
trap cleanup EXIT
trap 'say "interrupted, cleaning up"; cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 129' HUP

# ---------------------------------------------------------------- prerequisites and build
tools/deps.sh build
if ! command -v wrk >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "wrk is missing: apt-get install wrk"
    say "installing wrk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
command -v curl >/dev/null 2>&1 || die "curl is missing: apt-get install curl"
case " $BACKENDS " in
*" sqlite "*) command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is missing: apt-get install sqlite3" ;;
esac
case " $BACKENDS " in
*" postgresql "*) command -v psql >/dev/null 2>&1 || die "psql is missing: apt-get install postgresql-client" ;;
esac

mkdir -p "$OUT/wrk-tasks"
say "building the release weeekd"
make -s -j2 BUILD=release >&2
WEEEKD=$ROOT/build/release/weeekd

TMP=$(mktemp -d /tmp/weeekd-bench-tasks.XXXXXX)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
START_TIME=$(date +%s)

# ---------------------------------------------------------------- helpers
start_server() {
    local name=$1
    shift
    "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    LASTPID=$!
    PIDS+=("$LASTPID")
    local i=0
    PORT=""
    while [ $i -lt 300 ]; do
        PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$TMP/$name.out")
        [ -n "$PORT" ] && return 0
        kill -0 "$LASTPID" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    tail -5 "$TMP/$name.err" >&2 || true
    die "$name did not start"
}

free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 20000))
        if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    die "no free port found"
}

# api TOKEN METHOD PATH [BODY]: prints the body; fails unless the status is 200
api() {
    local token=$1 method=$2 path=$3 body=${4:-} code
    local args=(-sS -o "$TMP/api.body" -w '%{http_code}' -X "$method"
        -H "Authorization: Bearer $token" "http://127.0.0.1:$SRV_PORT/public/v1$path")
    [ -n "$body" ] && args+=(-H "Content-Type: application/json" --data-binary "$body")
    code=$(curl "${args[@]}") || die "$method $path: curl failed"
    [ "$code" = 200 ] || die "$method $path: HTTP $code: $(head -c 300 "$TMP/api.body")"
    cat "$TMP/api.body"
}

first_id() { sed -n 's/^{"success":true,"[a-zA-Z]*":{"id":\([0-9][0-9]*\),.*/\1/p'; }

# sql FILE: run a script on the store of the backend being measured
sql() {
    if [ "$backend" = sqlite ]; then
        sqlite3 -bail -cmd '.timeout 30000' "$TMP/bench.db" <"$1" >/dev/null
    else
        psql -q -X -v ON_ERROR_STOP=1 "$DB" -f "$1" >/dev/null
    fi
}

# structure TOKEN PROJECTS BOARDS_PER_PROJECT TAGS: projects and boards (three columns each)
# and tags, through the API
structure() {
    local token=$1 np=$2 nb=$3 nt=$4 p b t pid
    for ((p = 1; p <= np; p++)); do
        pid=$(api "$token" POST /tm/projects "{\"name\":\"project $p\"}" | first_id)
        [ -n "$pid" ] || die "could not read a project id"
        for ((b = 1; b <= nb; b++)); do
            api "$token" POST /tm/boards "{\"name\":\"board $p.$b\",\"projectId\":$pid}" >/dev/null
        done
    done
    for ((t = 1; t <= nt; t++)); do
        api "$token" POST /ws/tags "{\"title\":\"tag $t\"}" >/dev/null
    done
}

# load WS_ID N: bulk-load N tasks into workspace WS_ID (bench/tasks_load.sql)
load() {
    local ws=$1 n=$2 now day0
    now=$(($(date +%s) * 1000))
    day0=$(($(date +%s) / 86400))
    sed -e "s/@WS@/$ws/g; s/@N@/$n/g; s/@BASE@/$now/g; s/@DAY0@/$day0/g" bench/tasks_load.sql \
        >"$TMP/load.sql"
    sql "$TMP/load.sql"
}

bounded() {
    local limit=$1 rc=0
    shift
    timeout -k 5 "$limit" "$@" &
    CHILD=$!
    wait "$CHILD" || rc=$?
    CHILD=""
    return $rc
}

to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

server_p99() {
    local log=$1 off=$2
    if [ -z "$log" ] || [ ! -f "$log" ]; then
        echo -
        return 0
    fi
    tail -c +$((off + 1)) "$log" | awk 'match($0, / [0-9.]+ms ws=/) {
            print substr($0, RSTART + 1, RLENGTH - 7) + 0 }' | sort -n |
        awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
            i = int(NR * 0.99 + 0.999999); if (i > NR) i = NR; printf "%.2f", v[i] }'
}

ROWS=()
SRV_LOG=""

# measure LABEL BACKEND CONNS URL [wrk args...]
measure() {
    local label=$1 backend=$2 c=$3 url=$4
    shift 4
    local t=$WRK_THREADS
    [ "$t" -le "$c" ] || t=$c
    local file
    file="$OUT/wrk-tasks/${backend}-$(echo "$label" | tr -c 'a-zA-Z0-9\n' '_')-c$c.txt"
    local wrkargs=(-t"$t" -c"$c" --latency --timeout 5s "$@" "$url")
    if [ "$WARMUP" -gt 0 ]; then
        bounded $((WARMUP + 30)) wrk -d"${WARMUP}s" "${wrkargs[@]}" >/dev/null ||
            die "wrk warm-up failed for $label on $backend"
    fi
    local off=0
    [ -n "$SRV_LOG" ] && off=$(stat -c %s "$SRV_LOG")
    say "$label on $backend, $c connection(s), ${SECONDS_PER_RUN}s"
    bounded $((SECONDS_PER_RUN + 30)) wrk -d"${SECONDS_PER_RUN}s" "${wrkargs[@]}" >"$file" ||
        die "wrk failed for $label on $backend (see $file)"
    sleep 0.2
    local rps p50 p99 sp99 non2xx sockerr
    rps=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$file")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
    sp99=$(server_p99 "$SRV_LOG" "$off")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
    sockerr=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$file")
    [ -n "$rps" ] || die "could not read wrk's output in $file"
    ROWS+=("$label|$backend|$c|$rps|$p50|$p99|$sp99|$((${non2xx:-0} + ${sockerr:-0}))")
}

# ---------------------------------------------------------------- each backend
declare -A HWM LOADSEC
for backend in $BACKENDS; do
    if [ "$backend" = sqlite ]; then
        DB="sqlite:$TMP/bench.db"
    else
        PGDIR=$(mktemp -d /tmp/weeekd-bench-pg.XXXXXX)
        PG_PORT=$(free_port)
        say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        ADMIN=$(tools/pg_cluster.sh start "$PGDIR" "$PG_PORT")
        psql -q -X "$ADMIN" -c "CREATE DATABASE weeekd_bench" >/dev/null
        DB="postgresql://postgres@127.0.0.1:$PG_PORT/weeekd_bench"
    fi
    TOKEN=$("$WEEEKD" init --db "$DB" --workspace bench --email bench@example.com)
    OTOKEN=$("$WEEEKD" init --db "$DB" --workspace other --email other@example.com)
    for i in $(seq 9); do
        "$WEEEKD" member add --db "$DB" --workspace bench --email "m$i@example.com" >/dev/null
    done
    for i in $(seq 3); do
        "$WEEEKD" member add --db "$DB" --workspace other --email "m$i@example.com" >/dev/null
    done

    start_server "weeekd-$backend" "$WEEEKD" serve --db "$DB" --listen 127.0.0.1:0 \
        --threads "$SRV_THREADS" --log-level "$LOG_LEVEL"
    SRV_PID=$LASTPID
    SRV_PORT=$PORT
    SRV_LOG=$TMP/weeekd-$backend.err

    t0=$(date +%s)
    say "creating the structure on $backend (4 projects x 2 boards x 3 columns, 20 tags; other: 1 x 2 x 3, 5 tags)"
    structure "$TOKEN" 4 2 20
    structure "$OTOKEN" 1 2 5
    WS=$(api "$TOKEN" GET /ws | sed -n 's/.*"workspace":{"id":\([0-9][0-9]*\).*/\1/p')
    OWS=$(api "$OTOKEN" GET /ws | sed -n 's/.*"workspace":{"id":\([0-9][0-9]*\).*/\1/p')
    [ -n "$WS" ] && [ -n "$OWS" ] || die "could not read the workspace ids"
    say "loading $NTASKS + $NOTHER tasks on $backend"
    load "$OWS" "$((NOTHER / 2))"
    load "$WS" "$NTASKS"
    load "$OWS" "$((NOTHER - NOTHER / 2))" # ids of both workspaces interleave a little
    if [ "$backend" = postgresql ]; then
        # what autovacuum would do shortly after such a load; SQLite gets no ANALYZE, as
        # weeekd never runs one
        echo "ANALYZE;" >"$TMP/analyze.sql"
        sql "$TMP/analyze.sql"
    fi
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
    HWM[$backend]=$(awk '/^VmHWM:/ {print $2}' /proc/$SRV_PID/status)
    stop_server "$SRV_PID"
    SRV_LOG=""
    if [ "$backend" = postgresql ]; then
        tools/pg_cluster.sh stop "$PGDIR" >/dev/null
        PGDIR=""
    fi
done

# ---------------------------------------------------------------- the table
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src sql 2>/dev/null || commit="$commit (modified)"
{
    echo "weeekd $(cat VERSION 2>/dev/null || echo '?') at $commit, $(date -u +%Y-%m-%dT%H:%MZ)," \
        "$(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo))."
    echo "$NTASKS tasks in the measured workspace, $NOTHER in another; pages of 50 (the default)."
    echo "wrk: ${SECONDS_PER_RUN}s per run after ${WARMUP}s warm-up, up to $WRK_THREADS threads;" \
        "server: $SRV_THREADS threads; log level $LOG_LEVEL; loopback; load generator on the same cores;" \
        "load average before the run: $LOAD_AT_START; whole run $(($(date +%s) - START_TIME)) s."
    echo
    echo "| target | backend | conns | req/s | p50 ms | p99 ms | server p99 ms | errors |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r label backend c rps p50 p99 sp99 errs <<<"$row"
        echo "| $label | $backend | $c | $rps | $p50 | $p99 | $sp99 | $errs |"
    done
    echo
    echo "| backend | structure + load | peak RSS of weeekd (VmHWM) |"
    echo "|---|--:|--:|"
    for backend in $BACKENDS; do
        echo "| $backend | ${LOADSEC[$backend]} s | $((${HWM[$backend]} / 1024)) MiB |"
    done
} >"$OUT/tasks.md"
echo
cat "$OUT/tasks.md"
say "written to $OUT/tasks.md; raw wrk output in $OUT/wrk-tasks/"
