# bench/lib.sh — what the bench/*.sh scripts share: the common BENCH_* knobs, cleanup on
# any exit, prerequisites and the release build, starting and stopping servers (weeekd, a
# throwaway PostgreSQL cluster), the API client, seeding (tasks, deals), wrk runs with
# their parsing and CPU accounting, and the rows of the result table. Sourced by each script from the repository root, after
# `set -euo pipefail`; it defines functions and reads the environment, nothing more.
# shellcheck shell=bash disable=SC2034 # the globals it sets are read by the scripts
#
# Common environment (all optional; each script's header and bench/README.md list them):
#   BENCH_SECONDS=5 BENCH_WARMUP=1 BENCH_CONNS="1 64" BENCH_WRK_THREADS=2
#   BENCH_SERVER_THREADS=4 BENCH_BACKENDS BENCH_LOG_LEVEL=info BENCH_OUT=build/bench

ROOT=$(pwd)

SECONDS_PER_RUN=${BENCH_SECONDS:-5}
WARMUP=${BENCH_WARMUP:-1}
CONNS=${BENCH_CONNS:-"1 64"}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SRV_THREADS=${BENCH_SERVER_THREADS:-4}
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

# check_knobs [NUMBER...]: the common knobs and the script's own NUMBERs are whole numbers,
# runs last at least a second, the backends are known
check_knobs() {
    local v b
    for v in "$SECONDS_PER_RUN" "$WARMUP" "$WRK_THREADS" "$SRV_THREADS" "$@" $CONNS; do
        case $v in '' | *[!0-9]*) die "expected a number, got '$v'" ;; esac
    done
    [ "$SECONDS_PER_RUN" -ge 1 ] || die "BENCH_SECONDS must be at least 1"
    for b in $BACKENDS; do
        case $b in sqlite | postgresql) ;; *) die "unknown backend '$b' (sqlite, postgresql)" ;; esac
    done
}

# ---------------------------------------------------------------- cleanup, on any exit
TMP=""
PGDIR=""
PIDS=()
CHILD="" # the wrk run in progress (through timeout)

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

# stop_server PID: stop_pid, and forget the pid so that cleanup never signals a reused one
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

# ---------------------------------------------------------------- setup
# bench_setup WRK_DIR TMP_NAME [sqlite3]: traps, prerequisites (with "sqlite3", the sqlite3
# shell too when the sqlite backend is measured), the release weeekd in WEEEKD, OUT/WRK_DIR for the raw wrk output, and a temp
# directory /tmp/TMP_NAME.XXXXXX in TMP; notes the load average and the start time
bench_setup() {
    WRK_DIR=$1
    trap cleanup EXIT
    trap 'say "interrupted, cleaning up"; cleanup; exit 130' INT
    trap 'cleanup; exit 143' TERM
    trap 'cleanup; exit 129' HUP

    tools/deps.sh bench # build packages, wrk, curl, the sqlite3 shell, psql
    command -v wrk >/dev/null 2>&1 || die "wrk is missing: apt-get install wrk"
    command -v curl >/dev/null 2>&1 || die "curl is missing: apt-get install curl"
    case "$# $BACKENDS " in
    "3 "*" sqlite "*) command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is missing: apt-get install sqlite3" ;;
    esac
    case " $BACKENDS " in
    *" postgresql "*) command -v psql >/dev/null 2>&1 || die "psql is missing: apt-get install postgresql-client" ;;
    esac

    mkdir -p "$OUT/$WRK_DIR"
    say "building the release weeekd"
    make -s -j2 BUILD=release >&2
    WEEEKD=$ROOT/build/weeekd

    TMP=$(mktemp -d "/tmp/$2.XXXXXX")
    LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
    START_TIME=$(date +%s)
}

# build_ceiling: bench/ceiling.c into OUT/ceiling; its path in CEILING
build_ceiling() {
    say "building the ceiling"
    # shellcheck disable=SC2046
    gcc -std=c17 -O2 -g -Wall -Wextra -o "$OUT/ceiling" bench/ceiling.c \
        $(pkg-config --cflags --libs libmicrohttpd)
    CEILING=$OUT/ceiling
}

# ---------------------------------------------------------------- servers
# start CMD... in the background with stdout in $TMP/NAME.out and stderr in $TMP/NAME.err;
# wait up to START_TENTHS tenths of a second for "listening on 127.0.0.1:PORT"; sets PORT
# and LASTPID
START_TENTHS=100
start_server() {
    local name=$1
    shift
    "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    LASTPID=$!
    PIDS+=("$LASTPID")
    local i=0
    PORT=""
    while [ $i -lt "$START_TENTHS" ]; do
        # (the .out file may not exist yet: the background shell opens it)
        PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$TMP/$name.out" 2>/dev/null || true)
        [ -n "$PORT" ] && return 0
        kill -0 "$LASTPID" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    tail -5 "$TMP/$name.err" >&2 || true
    die "$name did not start"
}

# a TCP port nobody listens on (for the PostgreSQL cluster, which needs one up front)
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

# open_store BACKEND: a fresh store; sets DB (a SQLite file in TMP, or a database in a
# throwaway PostgreSQL cluster in PGDIR)
open_store() {
    if [ "$1" = sqlite ]; then
        rm -f "$TMP/bench.db" "$TMP/bench.db-wal" "$TMP/bench.db-shm"
        DB="sqlite:$TMP/bench.db"
    else
        PGDIR=$(mktemp -d /tmp/weeekd-bench-pg.XXXXXX)
        PG_PORT=$(free_port)
        say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        ADMIN=$(tools/pg_cluster.sh start "$PGDIR" "$PG_PORT")
        psql -q -X "$ADMIN" -c "CREATE DATABASE weeekd_bench" >/dev/null
        DB="postgresql://postgres@127.0.0.1:$PG_PORT/weeekd_bench"
    fi
}

# start_weeekd BACKEND: weeekd serving DB; sets SRV_PID, SRV_PORT and SRV_LOG (its request log)
start_weeekd() {
    start_server "weeekd-$1" "$WEEEKD" serve --db "$DB" --listen 127.0.0.1:0 \
        --threads "$SRV_THREADS" --log-level "$LOG_LEVEL"
    SRV_PID=$LASTPID
    SRV_PORT=$PORT
    SRV_LOG=$TMP/weeekd-$1.err
    MEASURED_PID=$SRV_PID
}

# peak_kb PID: the process's peak RSS (VmHWM) in KiB
peak_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

# stop_weeekd BACKEND: stop the server (its peak RSS in KiB goes to SRV_HWM) and the store's
# PostgreSQL cluster
stop_weeekd() {
    SRV_HWM=$(peak_kb "$SRV_PID")
    stop_server "$SRV_PID"
    SRV_LOG=""
    MEASURED_PID=""
    if [ "$1" = postgresql ]; then
        tools/pg_cluster.sh stop "$PGDIR" >/dev/null
        PGDIR=""
    fi
}

# ---------------------------------------------------------------- the API
# api_as TOKEN METHOD PATH [BODY]: prints the body; fails unless the status is 200.
# PATH follows API_PREFIX (empty unless the script sets it).
API_PREFIX=""
api_as() {
    local token=$1 method=$2 path=$3 body=${4:-} code
    local args=(-sS -o "$TMP/api.body" -w '%{http_code}' -X "$method"
        -H "Authorization: Bearer $token" "http://127.0.0.1:$SRV_PORT$API_PREFIX$path")
    [ -n "$body" ] && args+=(-H "Content-Type: application/json" --data-binary "$body")
    code=$(curl "${args[@]}") || die "$method $path: curl failed"
    [ "$code" = 200 ] || die "$method $path: HTTP $code: $(head -c 300 "$TMP/api.body")"
    cat "$TMP/api.body"
}

# the id of the object a creation answered with
first_id() { sed -n 's/^{"success":true,"[a-zA-Z]*":{"id":\([0-9][0-9]*\),.*/\1/p'; }

# ---------------------------------------------------------------- seeding
# store_sql FILE: run a SQL script on the store DB names (the sqlite3 shell or psql)
store_sql() {
    case $DB in
    sqlite:*) sqlite3 -bail -cmd '.timeout 30000' "${DB#sqlite:}" <"$1" >/dev/null ;;
    *) psql -q -X -v ON_ERROR_STOP=1 "$DB" -f "$1" >/dev/null ;;
    esac
}

# store_query SQL: one statement's result rows, fields separated by |
store_query() {
    case $DB in
    sqlite:*) sqlite3 -cmd '.timeout 30000' "${DB#sqlite:}" "$1" ;;
    *) psql -X -A -t -q -v ON_ERROR_STOP=1 "$DB" -c "$1" ;;
    esac
}

# store_analyze: ANALYZE on PostgreSQL (what autovacuum does shortly after a bulk load);
# nothing on SQLite, as weeekd never runs one there
store_analyze() {
    case $DB in
    sqlite:*) ;;
    *) store_query "ANALYZE" >/dev/null ;;
    esac
}

# v1 TOKEN METHOD PATH [BODY]: api_as with PATH below /public/v1
v1() {
    local API_PREFIX=/public/v1
    api_as "$@"
}

# ws_id TOKEN: the id of the token's workspace
ws_id() { v1 "$1" GET /ws | sed -n 's/.*"workspace":{"id":\([0-9][0-9]*\).*/\1/p'; }

# tm_structure TOKEN PROJECTS BOARDS_PER_PROJECT TAGS: projects and boards (three columns
# each, weeekd's default) and tags, through the API
tm_structure() {
    local token=$1 np=$2 nb=$3 nt=$4 p b t pid
    for ((p = 1; p <= np; p++)); do
        pid=$(v1 "$token" POST /tm/projects "{\"name\":\"project $p\"}" | first_id)
        [ -n "$pid" ] || die "could not read a project id"
        for ((b = 1; b <= nb; b++)); do
            v1 "$token" POST /tm/boards "{\"name\":\"board $p.$b\",\"projectId\":$pid}" >/dev/null
        done
    done
    for ((t = 1; t <= nt; t++)); do
        v1 "$token" POST /ws/tags "{\"title\":\"tag $t\"}" >/dev/null
    done
}

# tasks_load WS_ID N: bulk-load N tasks into workspace WS_ID (bench/tasks_load.sql), spread
# over every column, member and tag the workspace has at that moment
tasks_load() {
    local ws=$1 n=$2 now day0 after
    now=$(($(date +%s) * 1000))
    day0=$(($(date +%s) / 86400))
    after=$(store_query "SELECT COALESCE(max(id), 0) FROM tasks")
    sed -e "s/@WS@/$ws/g; s/@N@/$n/g; s/@BASE@/$now/g; s/@DAY0@/$day0/g; s/@AFTER@/$after/g; s/@US@/$(printf '\037')/g" bench/tasks_load.sql \
        >"$TMP/load.sql"
    store_sql "$TMP/load.sql"
}

# deals_sql WS_ID MEMBER TAG NDEALS: one INSERT ... SELECT of NDEALS deals over the statuses
# listed in $TMP/statuses.txt ("funnel status" lines; deal i goes to status i mod count at
# position i div count, so every status's order is dense from 0), a tag on every third, the
# member on every second
deals_sql() {
    local ws=$1 me=$2 tag=$3 ndeals=$4 now nst
    now=$(($(date +%s) * 1000))
    nst=$(wc -l <"$TMP/statuses.txt")
    local slug="'d' || substr('000000000000000' || CAST(i AS TEXT), -15, 15)"
    local series="WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < $((ndeals - 1)))"
    case $DB in
    sqlite:*) ;;
    *)
        slug="'d' || lpad(CAST(i AS TEXT), 15, '0')"
        series="WITH seq(i) AS (SELECT generate_series(0, $((ndeals - 1))))"
        ;;
    esac
    local values="" k=0 sid fid
    while read -r fid sid; do
        [ -n "$values" ] && values+=", "
        values+="($k, '$sid', '$fid')"
        k=$((k + 1))
    done <"$TMP/statuses.txt"
    cat <<SQL
BEGIN;
$series, st(k, sid, fid) AS (VALUES $values)
INSERT INTO deals (ws_id, id, funnel_id, status_id, title, description, amount, win_status,
                   creator_id, position, created_at, updated_at)
SELECT $ws, $slug, st.fid, st.sid, 'deal ' || CAST(i AS TEXT), 'about deal ' || CAST(i AS TEXT),
       (i % 1000) * 1.5,
       CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN 'won' WHEN 2 THEN 'lost' ELSE 'archived' END,
       '$me', i / $nst, $now - i * 1000, $now - i * 1000
FROM seq JOIN st ON st.k = i % $nst;
UPDATE deals SET search_text = lower(title) || '$(printf '\037')' || lower(description)
WHERE ws_id = $ws AND search_text IS NULL;
INSERT INTO deal_tags (ws_id, deal_id, tag_id, seq)
SELECT ws_id, id, $tag, 0 FROM deals WHERE ws_id = $ws AND CAST(substr(id, 2, 15) AS INTEGER) % 3 = 0;
INSERT INTO deal_assignees (ws_id, deal_id, member_id, seq)
SELECT ws_id, id, '$me', 0 FROM deals WHERE ws_id = $ws AND CAST(substr(id, 2, 15) AS INTEGER) % 2 = 0;
COMMIT;
SQL
}

# json EXPR: a Python expression over the JSON document d read from stdin
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# seed_deals TOKEN NFUNNELS NDEALS: NFUNNELS funnels of 4 statuses through the API
# ($TMP/statuses.txt lists them), a tag (DEAL_TAG), then NDEALS deals straight into the
# store (creating them through the API would measure the seeding) and ANALYZE (both
# backends: the CRM list's plans want statistics); the member in DEAL_ME
seed_deals() {
    local token=$1 nf=$2 ndeals=$3 f fid ws
    DEAL_ME=$(v1 "$token" GET /user/me | json 'd["user"]["id"]')
    DEAL_TAG=$(v1 "$token" POST /ws/tags '{"title":"hot"}' | json 'd["tag"]["id"]')
    : >"$TMP/statuses.txt"
    for f in $(seq "$nf"); do
        fid=$(v1 "$token" POST /crm/funnels "{\"name\":\"funnel $f\"}" | json 'd["funnel"]["id"]')
        v1 "$token" POST "/crm/funnels/$fid/statuses" '{"name":"Won"}' >/dev/null
        v1 "$token" GET "/crm/funnels/$fid/statuses" |
            json '"\n".join("'"$fid"' " + s["id"] for s in d["statuses"])' >>"$TMP/statuses.txt"
    done
    ws=$(ws_id "$token")
    [ -n "$ws" ] || die "could not read the workspace id"
    deals_sql "$ws" "$DEAL_ME" "$DEAL_TAG" "$ndeals" >"$TMP/deals.sql"
    store_sql "$TMP/deals.sql"
    store_query "ANALYZE" >/dev/null
}

# ---------------------------------------------------------------- wrk runs
# bounded SECONDS CMD...: run CMD with a time limit, in the background so that a trapped
# signal (Ctrl-C) interrupts the wait at once instead of after CMD ends
bounded() {
    local limit=$1 rc=0
    shift
    timeout -k 5 "$limit" "$@" &
    CHILD=$!
    wait "$CHILD" || rc=$?
    CHILD=""
    return $rc
}

# latency as wrk prints it (226.00us, 1.04ms, 2.10s) → milliseconds
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

# p99 of the durations weeekd logged (" 0.04ms ws=") in LOG from byte OFFSET on, or "-"
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

# ---------------------------------------------------------------- CPU accounting
# CPU time from /proc/PID/stat: utime + stime, plus cutime + cstime (the children it has
# reaped: a PostgreSQL backend that exits is charged to the postmaster), in clock ticks
CLK_TCK=$(getconf CLK_TCK)

# cpu_sample PID...: one "pid ticks" line per live PID (the comm field may hold spaces, so
# the fields are counted after its closing parenthesis)
cpu_sample() {
    local pid line
    for pid in "$@"; do
        read -r line 2>/dev/null <"/proc/$pid/stat" || continue
        line=${line##*) }
        # shellcheck disable=SC2086
        set -- $line
        echo "$pid $((${12} + ${13} + ${14} + ${15}))"
    done
}

# the PostgreSQL cluster's processes (postmaster and its children), if one runs in PGDIR
db_pids() {
    local pm f line
    [ -n "$PGDIR" ] && [ -f "$PGDIR/data/postmaster.pid" ] || return 0
    pm=$(head -1 "$PGDIR/data/postmaster.pid")
    echo "$pm"
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue # gone meanwhile
        line=${line##*) }  # "S PPID ..."
        line=${line#* }
        [ "${line%% *}" = "$pm" ] && echo "${f:6:-5}"
    done
    return 0
}

# cpu_us_per BEFORE AFTER REQUESTS: the CPU the processes in AFTER spent since BEFORE (a
# process absent from BEFORE started since, from 0) in microseconds per request, or "-"
cpu_us_per() {
    [ -s "$2" ] && [ "${3:-0}" -gt 0 ] || {
        echo -
        return 0
    }
    awk -v n="$3" -v hz="$CLK_TCK" 'NR == FNR { t0[$1] = $2; next }
        { d += $2 - ($1 in t0 ? t0[$1] : 0) }
        END { printf "%.0f", d * 1e6 / hz / n }' "$1" "$2"
}

# ---------------------------------------------------------------- wrk output
# wrk_field FILE WHAT: one figure of a wrk --latency output: rps, p50, p99 (ms), requests
# (completed), errors (non-2xx or 3xx answers plus socket errors)
wrk_field() {
    case $2 in
    rps) awk '/^Requests\/sec:/ {printf "%d", $2}' "$1" ;;
    p50) to_ms "$(awk '$1 == "50%" {print $2}' "$1")" ;;
    p99) to_ms "$(awk '$1 == "99%" {print $2}' "$1")" ;;
    requests) awk '$2 == "requests" && $3 == "in" {print $1}' "$1" ;;
    errors) awk '/Non-2xx or 3xx responses:/ { e += $NF }
            /Socket errors:/ { gsub(/,/, ""); e += $4 + $6 + $8 + $10 } END { print e + 0 }' "$1" ;;
    esac
}

# rows of the result table:
# "target|backend|conns|rps|p50ms|p99ms|serverp99ms|errors|cpu_us|db_cpu_us"
ROWS=()
SRV_LOG=""      # the request log of the weeekd being measured (none for the ceiling)
WRK_PREFIX=""   # before the name of each raw wrk output file in OUT/WRK_DIR
MEASURED_PID="" # the server process whose CPU is charged to the requests (start_weeekd sets it)

# measure LABEL BACKEND CONNS URL [wrk args...]: one warm-up and one measured wrk run; adds
# a row to ROWS and sets LAST_RPS
measure() {
    local label=$1 backend=$2 c=$3 url=$4
    shift 4
    local t=$WRK_THREADS
    [ "$t" -le "$c" ] || t=$c
    local file
    file="$OUT/$WRK_DIR/$WRK_PREFIX${backend//\//-}-$(echo "$label" | tr -c 'a-zA-Z0-9\n' '_')-c$c.txt"
    local wrkargs=(-t"$t" -c"$c" --latency --timeout 5s "$@" "$url")
    if [ "$WARMUP" -gt 0 ]; then
        bounded $((WARMUP + 30)) wrk -d"${WARMUP}s" "${wrkargs[@]}" >/dev/null ||
            die "wrk warm-up failed for $label on $backend"
    fi
    local off=0 dbp
    [ -n "$SRV_LOG" ] && off=$(stat -c %s "$SRV_LOG")
    dbp=$(db_pids)
    # shellcheck disable=SC2086 # pids, one word each
    {
        cpu_sample $MEASURED_PID >"$TMP/cpu0"
        cpu_sample $dbp >"$TMP/db0"
    }
    say "$label on $backend, $c connection(s), ${SECONDS_PER_RUN}s"
    bounded $((SECONDS_PER_RUN + 30)) wrk -d"${SECONDS_PER_RUN}s" "${wrkargs[@]}" >"$file" ||
        die "wrk failed for $label on $backend (see $file)"
    # the backends now: one that started during the run counts from 0
    dbp=$(db_pids)
    # shellcheck disable=SC2086
    {
        cpu_sample $MEASURED_PID >"$TMP/cpu1"
        cpu_sample $dbp >"$TMP/db1"
    }
    sleep 0.2 # the last completions reach the log
    local rps p50 p99 sp99 errs n
    rps=$(wrk_field "$file" rps)
    [ -n "$rps" ] || die "could not read wrk's output in $file"
    p50=$(wrk_field "$file" p50)
    p99=$(wrk_field "$file" p99)
    errs=$(wrk_field "$file" errors)
    n=$(wrk_field "$file" requests)
    if [ "${n:-0}" = 0 ]; then # no request completed: wrk prints zero latencies
        p50=-
        p99=-
    fi
    sp99=$(server_p99 "$SRV_LOG" "$off")
    ROWS+=("$label|$backend|$c|$rps|$p50|$p99|$sp99|$errs|$(cpu_us_per "$TMP/cpu0" "$TMP/cpu1" "$n")|$(cpu_us_per "$TMP/db0" "$TMP/db1" "$n")")
    LAST_RPS=$rps
}

# ---------------------------------------------------------------- the table
# the machine, for a table's first line: "N CPUs (model)"
machine() { echo "$(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo))"; }

# print_rows: ROWS as a markdown table without a ceiling column
print_rows() {
    local row label backend c rps p50 p99 sp99 errs cpu dbcpu
    echo "| target | backend | conns | req/s | p50 ms | p99 ms | server p99 ms | errors | CPU µs/req | db CPU µs/req |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r label backend c rps p50 p99 sp99 errs cpu dbcpu <<<"$row"
        echo "| $label | $backend | $c | $rps | $p50 | $p99 | $sp99 | $errs | $cpu | $dbcpu |"
    done
}

# publish FILE [WHAT]: print FILE after a blank line and say where it went (and WHAT else)
publish() {
    echo
    cat "$1"
    say "written to $1${2:+; $2}"
}
