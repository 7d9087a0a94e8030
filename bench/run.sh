#!/usr/bin/env bash
# run.sh — weeekd's throughput and latency against a bare libmicrohttpd ceiling.
# Builds the release weeekd and bench/ceiling.c, starts them on loopback, seeds a workspace
# through the API, runs wrk against each target at each connection count, prints a
# markdown table and writes it to build/bench/results.md. See bench/README.md.
#
# Environment (all optional):
#   BENCH_SECONDS=5          length of each measured wrk run
#   BENCH_WARMUP=1           seconds of unmeasured load before each run (0 = none)
#   BENCH_CONNS="1 64"       connection counts
#   BENCH_WRK_THREADS=2      wrk threads (capped at the connection count)
#   BENCH_SERVER_THREADS=4   weeekd --threads and the ceiling's pool size (weeekd's default)
#   BENCH_TAGS=1000          tags seeded for the list and point-read runs
#   BENCH_BACKENDS="sqlite postgresql"   default: sqlite, plus postgresql when PostgreSQL 15
#                            is installed (/usr/lib/postgresql/15/bin)
#   BENCH_LOG_LEVEL=info     weeekd --log-level (its request log goes to a temp file)
#   BENCH_OUT=build/bench    where the ceiling binary, results.md and raw wrk output go
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

SECONDS_PER_RUN=${BENCH_SECONDS:-5}
WARMUP=${BENCH_WARMUP:-1}
CONNS=${BENCH_CONNS:-"1 64"}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SRV_THREADS=${BENCH_SERVER_THREADS:-4}
NTAGS=${BENCH_TAGS:-1000}
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

for v in "$SECONDS_PER_RUN" "$WARMUP" "$WRK_THREADS" "$SRV_THREADS" "$NTAGS" $CONNS; do
    case $v in '' | *[!0-9]*) die "expected a number, got '$v'" ;; esac
done
[ "$SECONDS_PER_RUN" -ge 1 ] || die "BENCH_SECONDS must be at least 1"
[ "$NTAGS" -ge 1 ] || die "BENCH_TAGS must be at least 1"
for b in $BACKENDS; do
    case $b in sqlite | postgresql) ;; *) die "unknown backend '$b' (sqlite, postgresql)" ;; esac
done

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
trap cleanup EXIT
trap 'say "interrupted, cleaning up"; cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 129' HUP

# ---------------------------------------------------------------- prerequisites and builds
tools/deps.sh build
if ! command -v wrk >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "wrk is missing: apt-get install wrk"
    say "installing wrk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
command -v curl >/dev/null 2>&1 || die "curl is missing: apt-get install curl"
case " $BACKENDS " in
*" postgresql "*) command -v psql >/dev/null 2>&1 || die "psql is missing: apt-get install postgresql-client" ;;
esac

mkdir -p "$OUT/wrk"
say "building the release weeekd"
make -s -j2 BUILD=release >&2
WEEEKD=$ROOT/build/release/weeekd
say "building the ceiling"
# shellcheck disable=SC2046
gcc -std=c17 -O2 -g -Wall -Wextra -o "$OUT/ceiling" bench/ceiling.c \
    $(pkg-config --cflags --libs libmicrohttpd)
CEILING=$OUT/ceiling

TMP=$(mktemp -d /tmp/weeekd-bench.XXXXXX)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- helpers
# start CMD... in the background with stdout in $TMP/NAME.out and stderr in $TMP/NAME.err;
# wait for "listening on 127.0.0.1:PORT"; sets PORT and LASTPID
start_server() {
    local name=$1
    shift
    "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    LASTPID=$!
    PIDS+=("$LASTPID")
    local i=0
    PORT=""
    while [ $i -lt 100 ]; do
        PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$TMP/$name.out")
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

# api METHOD PATH [BODY]: prints the body; fails unless the status is 200
api() {
    local method=$1 path=$2 body=${3:-} code
    local args=(-sS -o "$TMP/api.body" -w '%{http_code}' -X "$method"
        -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SRV_PORT$path")
    [ -n "$body" ] && args+=(-H "Content-Type: application/json" --data-binary "$body")
    code=$(curl "${args[@]}") || die "$method $path: curl failed"
    [ "$code" = 200 ] || die "$method $path: HTTP $code: $(head -c 300 "$TMP/api.body")"
    cat "$TMP/api.body"
}

first_id() { sed -n 's/^{"success":true,"[a-z]*":{"id":\([0-9][0-9]*\),.*/\1/p'; }

# seed NTAGS tags in one curl process (one keep-alive connection); the first one's id
# goes to TAG_ID
seed_tags() {
    TAG_ID=$(api POST /public/v1/ws/tags '{"title":"tag-1"}' | first_id)
    [ -n "$TAG_ID" ] || die "could not read the id of a created tag"
    local cfg=$TMP/seed.curl i
    : >"$cfg"
    for ((i = 2; i <= NTAGS; i++)); do
        [ "$i" -gt 2 ] && echo next >>"$cfg"
        printf 'url = "http://127.0.0.1:%s/public/v1/ws/tags"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\ndata = "{\\"title\\":\\"tag-%d\\"}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
            "$SRV_PORT" "$TOKEN" "$i" >>"$cfg"
    done
    if [ "$NTAGS" -gt 1 ]; then
        curl -sS -K "$cfg" >"$TMP/seed.codes" || die "seeding tags: curl failed"
        local ok
        ok=$(grep -c '^200$' "$TMP/seed.codes" || true)
        [ "$ok" -eq $((NTAGS - 1)) ] || die "only $ok of $((NTAGS - 1)) tag creations answered 200"
    fi
    local n
    n=$(api GET /public/v1/ws/tags | grep -o '"id":' | wc -l)
    [ "$n" -eq "$NTAGS" ] || die "the tag list has $n tags, expected $NTAGS"
}

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

# rows of the result table: "target|backend|conns|rps|p50ms|p99ms|serverp99ms|errors"
ROWS=()
declare -A CEIL_RPS
SRV_LOG="" # the request log of the weeekd being measured (none for the ceiling)

# measure LABEL BACKEND CONNS URL [wrk args...]
measure() {
    local label=$1 backend=$2 c=$3 url=$4
    shift 4
    local t=$WRK_THREADS
    [ "$t" -le "$c" ] || t=$c
    local file
    file="$OUT/wrk/${backend}-$(echo "$label" | tr -c 'a-zA-Z0-9\n' '_')-c$c.txt"
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
    sleep 0.2 # the last completions reach the log
    local rps p50 p99 sp99 non2xx sockerr
    rps=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$file")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
    sp99=$(server_p99 "$SRV_LOG" "$off")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
    sockerr=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$file")
    [ -n "$rps" ] || die "could not read wrk's output in $file"
    ROWS+=("$label|$backend|$c|$rps|$p50|$p99|$sp99|$((${non2xx:-0} + ${sockerr:-0}))")
    if [ "$label" = ceiling ]; then CEIL_RPS[$c]=$rps; fi
}

# ---------------------------------------------------------------- the ceiling
start_server ceiling "$CEILING" 0 "$SRV_THREADS"
CEIL_PID=$LASTPID
CEIL_PORT=$PORT
for c in $CONNS; do
    measure ceiling none "$c" "http://127.0.0.1:$CEIL_PORT/public/v1/ws/tags/1"
done
CEIL_HWM=$(awk '/^VmHWM:/ {print $2}' /proc/$CEIL_PID/status)
stop_server "$CEIL_PID"

# ---------------------------------------------------------------- weeekd on each backend
declare -A HWM
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
    # creations go to their own workspace so the list stays at NTAGS tags
    WTOKEN=$("$WEEEKD" init --db "$DB" --workspace bench-writes --email writer@example.com)

    start_server "weeekd-$backend" "$WEEEKD" serve --db "$DB" --listen 127.0.0.1:0 \
        --threads "$SRV_THREADS" --log-level "$LOG_LEVEL"
    SRV_PID=$LASTPID
    SRV_PORT=$PORT
    SRV_LOG=$TMP/weeekd-$backend.err
    say "seeding $NTAGS tags and a project on $backend"
    seed_tags
    PROJECT_ID=$(api POST /public/v1/tm/projects '{"name":"bench project"}' | first_id)
    [ -n "$PROJECT_ID" ] || die "could not read the id of the created project"
    api GET "/public/v1/tm/projects/$PROJECT_ID" >/dev/null
    api GET "/public/v1/ws/tags/$TAG_ID" >/dev/null

    BASE="http://127.0.0.1:$SRV_PORT/public/v1"
    AUTH="Authorization: Bearer $TOKEN"
    for c in $CONNS; do
        measure "GET /ws/tags/{id}" "$backend" "$c" "$BASE/ws/tags/$TAG_ID" -H "$AUTH"
        measure "GET /ws/tags ($NTAGS)" "$backend" "$c" "$BASE/ws/tags" -H "$AUTH"
        measure "GET /tm/projects/{id}" "$backend" "$c" "$BASE/tm/projects/$PROJECT_ID" -H "$AUTH"
        measure "POST /ws/tags" "$backend" "$c" "$BASE/ws/tags" -H "Authorization: Bearer $WTOKEN" \
            -s bench/post_tag.lua
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
git diff --quiet HEAD -- src 2>/dev/null || commit="$commit (src modified)"
{
    echo "weeekd $(cat VERSION 2>/dev/null || echo '?') at $commit, $(date -u +%Y-%m-%dT%H:%MZ)," \
        "$(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo))."
    echo "wrk: ${SECONDS_PER_RUN}s per run after ${WARMUP}s warm-up, up to $WRK_THREADS threads;" \
        "server pools: $SRV_THREADS threads; log level $LOG_LEVEL; loopback; load generator on the same cores;" \
        "load average before the run: $LOAD_AT_START."
    echo
    echo "| target | backend | conns | req/s | % of ceiling | p50 ms | p99 ms | server p99 ms | errors |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r label backend c rps p50 p99 sp99 errs <<<"$row"
        ceil=${CEIL_RPS[$c]:-0}
        ratio=$(awk -v a="$rps" -v b="$ceil" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "?" }')
        echo "| $label | $backend | $c | $rps | $ratio | $p50 | $p99 | $sp99 | $errs |"
    done
    echo
    echo "| process | peak RSS (VmHWM) |"
    echo "|---|--:|"
    echo "| ceiling | $((CEIL_HWM / 1024)) MiB |"
    for backend in $BACKENDS; do
        echo "| weeekd on $backend | $((${HWM[$backend]} / 1024)) MiB |"
    done
} >"$OUT/results.md"
echo
cat "$OUT/results.md"
say "written to $OUT/results.md; raw wrk output in $OUT/wrk/"
